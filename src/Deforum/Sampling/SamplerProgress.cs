namespace Deforum.Sampling;

/// <summary>A generation's sampler finished <paramref name="Step"/> (from 1) of <paramref name="Steps"/> (null: the sampler adapts its steps).</summary>
public readonly record struct SamplerProgress(int Step, int? Steps);
