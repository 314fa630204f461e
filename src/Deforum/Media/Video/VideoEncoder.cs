using System.Globalization;
using Deforum.Media.Ffmpeg;

namespace Deforum.Media.Video;

/// <summary>Turns a folder of numbered PNG frames into an mp4 or an animated GIF.</summary>
public static class VideoEncoder
{
    /// <summary>
    /// Mirrors deforum-stable-diffusion 0.4's ffmpeg command (Deforum_Stable_Diffusion.py, create video cell):
    /// <c>-y -vcodec png -r {fps} -start_number 0 -i {pattern} -frames:v {max} -c:v libx264 -vf fps={fps}
    /// -pix_fmt yuv420p -crf 17 -preset veryfast</c>; the file appears only once ffmpeg has succeeded.
    /// </summary>
    public static Task<string> EncodeFramesAsync(FfmpegTool ffmpeg, FrameSequence frames, string outputPath, VideoEncodeSettings settings,
        IProgress<FfmpegProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        frames.RequireFirstFrame($"encode '{outputPath}'");
        return FfmpegFileOutput.RunAsync(ffmpeg, outputPath,
            temp => [.. FrameInput(frames, settings.FpsText), .. settings.ExtraInputs(), .. FrameLimit(frames), .. settings.OutputOptions(), "-f", "mp4", temp],
            $"encode the frames '{frames.Pattern}' into '{Path.GetFullPath(outputPath)}'", progress, cancellationToken);
    }

    /// <summary>
    /// A GIF preview of the same frames. 0.7.1's create_gif reuses the mp4 command with a .gif name; a GIF cannot
    /// carry libx264/yuv420p, so this builds a per-video palette instead (far better colours than the default one).
    /// </summary>
    public static Task<string> CreateGifAsync(FfmpegTool ffmpeg, FrameSequence frames, string outputPath, double fps,
        IProgress<FfmpegProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frames);
        var settings = new VideoEncodeSettings { Fps = fps };
        settings.Validate();
        frames.RequireFirstFrame($"create the GIF '{outputPath}'");
        return FfmpegFileOutput.RunAsync(ffmpeg, outputPath,
            temp => [.. FrameInput(frames, settings.FpsText), .. FrameLimit(frames),
                "-vf", $"fps={settings.FpsText},split[a][b];[a]palettegen[p];[b][p]paletteuse", "-loop", "0", "-f", "gif", temp],
            $"create the GIF '{Path.GetFullPath(outputPath)}' from '{frames.Pattern}'", progress, cancellationToken);
    }

    static string[] FrameInput(FrameSequence frames, string fps) =>
        ["-y", "-vcodec", "png", "-r", fps, "-start_number", frames.StartNumber.ToString(CultureInfo.InvariantCulture), "-i", Path.GetFullPath(frames.Pattern)];

    static string[] FrameLimit(FrameSequence frames) =>
        frames.MaxFrames is { } max ? ["-frames:v", max.ToString(CultureInfo.InvariantCulture)] : [];
}
