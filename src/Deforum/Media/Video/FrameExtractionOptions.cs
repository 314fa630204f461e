namespace Deforum.Media.Video;

/// <summary>The Video Input mode's extraction settings (settings.md §6.5).</summary>
public sealed record FrameExtractionOptions
{
    /// <summary><c>extract_nth_frame</c>: keep frames whose 0-based decode index is a multiple of N.</summary>
    public int EveryNth { get; init; } = 1;

    /// <summary><c>overwrite_extracted_frames</c>: re-extract even when the folder exists (otherwise reuse its frames).</summary>
    public bool Overwrite { get; init; } = true;

    /// <summary>File names numbered from 1: <c>%05d.jpg</c> as in 0.5+ (0.4 used <c>%04d.jpg</c>).</summary>
    public string NamePattern { get; init; } = "%05d.jpg";
}
