using Deforum.Prompts;
using Deforum.Sampling;

namespace Deforum.Planning;

/// <summary>
/// A frame inside a prompt blend window (prompt_blend_window): its c and uc are blended from its own prompt (in effect
/// since frame <see cref="FromFrame"/>) toward <see cref="Target"/>, the prompt of frame <see cref="ToFrame"/>, by
/// <see cref="Weight"/> (strictly between 0 and 1) with <see cref="Method"/>. Target's backtick weights are those of this frame.
/// </summary>
public sealed record PromptWindow(int FromFrame, int ToFrame, FramePrompt Target, double Weight, ConditioningBlendMethod Method);
