using System.Globalization;

namespace Deforum.Media.Video;

/// <summary>
/// Output options of an mp4 encode. The defaults mirror deforum-stable-diffusion's ffmpeg command
/// (Deforum_Stable_Diffusion.py, "Create video from frames" cell): libx264, crf 17, yuv420p, preset veryfast.
/// </summary>
public sealed record VideoEncodeSettings
{
    /// <summary>Input frame rate and output <c>fps</c> filter (the cell's <c>fps</c>, default 12).</summary>
    public double Fps { get; init; } = 12;

    public string Codec { get; init; } = "libx264";
    public int Crf { get; init; } = 17;
    public string Preset { get; init; } = "veryfast";
    public string PixelFormat { get; init; } = "yuv420p";

    /// <summary>An audio file muxed in as AAC; the video is cut to the shorter of the two.</summary>
    public string? SoundtrackPath { get; init; }

    internal string FpsText => Fps.ToString("R", CultureInfo.InvariantCulture);

    internal void Validate()
    {
        if (!(Fps > 0) || double.IsInfinity(Fps)) throw new ArgumentOutOfRangeException(nameof(Fps), Fps, "fps must be a positive number");
        if (SoundtrackPath is not null && !File.Exists(SoundtrackPath))
            throw new FileNotFoundException($"soundtrack '{Path.GetFullPath(SoundtrackPath)}' does not exist; fix the path or leave it empty", SoundtrackPath);
    }

    /// <summary>Inputs after the video input (the soundtrack).</summary>
    internal IEnumerable<string> ExtraInputs() =>
        SoundtrackPath is null ? [] : ["-i", Path.GetFullPath(SoundtrackPath)];

    internal IEnumerable<string> OutputOptions()
    {
        string[] video = ["-c:v", Codec, "-vf", $"fps={FpsText}", "-pix_fmt", PixelFormat, "-crf", Crf.ToString(CultureInfo.InvariantCulture), "-preset", Preset];
        return SoundtrackPath is null ? video : [.. video, "-map", "0:v:0", "-map", "1:a:0", "-c:a", "aac", "-shortest"];
    }
}
