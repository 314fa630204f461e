using Deforum.Sampling;

namespace Deforum.Planning;

/// <summary>
/// Interpolation mode: c = blend(c_from, c_to, Weight) by <see cref="Method"/>, indices into the keyframe prompts in
/// insertion order; the last frame (from = to) takes its key's c as it is.
/// </summary>
public sealed record PromptBlend(int FromPrompt, int ToPrompt, double Weight, ConditioningBlendMethod Method = ConditioningBlendMethod.Linear);
