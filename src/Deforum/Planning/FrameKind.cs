namespace Deforum.Planning;

/// <summary>What the renderer does for a plan entry.</summary>
public enum FrameKind
{
    /// <summary>A still image of the None-mode batch.</summary>
    Still,
    /// <summary>A diffused animation frame (saved directly when cadence is 1).</summary>
    Diffused,
    /// <summary>A cadence output frame: warped and cross-faded diffused frames, no diffusion.</summary>
    InBetween,
    /// <summary>Interpolation mode: a generation of one keyframe prompt, shown but not saved.</summary>
    KeyPrompt,
    /// <summary>Interpolation mode: a saved frame conditioned on a blend of two keyframe prompts.</summary>
    Interpolated,
}
