namespace Deforum.Planning;

/// <summary>
/// Colour coherence for a diffused frame's init (algorithms.md §14): the reference is the first warped previous
/// frame (not frame 0), or on resume the last saved frame.
/// </summary>
public enum ColorReferenceRule
{
    /// <summary>No matching: colour_coherence is None, there is no previous frame, or the mode never matches.</summary>
    None,
    /// <summary>This frame's warped previous frame becomes the reference and is itself not matched.</summary>
    StoreReference,
    /// <summary>The warped previous frame is histogram-matched to the stored reference.</summary>
    MatchReference,
}
