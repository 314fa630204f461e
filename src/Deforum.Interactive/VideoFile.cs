namespace Deforum.Interactive;

/// <summary>
/// A video the Create video cell wrote, shown as an inline player when it is small enough to embed; a vr_mode run's
/// side-by-side video is shown under it.
/// </summary>
public sealed record VideoFile(string Path, VideoFile? SideBySide = null)
{
    /// <summary>Larger videos are linked, not embedded: a notebook carrying a 200 MB mp4 in its JSON becomes unusable.</summary>
    public const long MaxEmbeddedBytes = 32L << 20;
}
