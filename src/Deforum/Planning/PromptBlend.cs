namespace Deforum.Planning;

/// <summary>Interpolation mode: c = c_from + (c_to − c_from)·Weight, indices into the keyframe prompts in insertion order.</summary>
public sealed record PromptBlend(int FromPrompt, int ToPrompt, double Weight);
