using Deforum.Media.Ffmpeg;

namespace Deforum.Media.Video;

/// <summary>Turns a folder of numbered PNG frames into an mp4 or an animated GIF.</summary>
public static class VideoEncoder
{
    /// <summary>
    /// Mirrors deforum-stable-diffusion 0.4's ffmpeg command (Deforum_Stable_Diffusion.py, create video cell):
    /// <c>-y -vcodec png -r {fps} -start_number 0 -i {pattern} -frames:v {max} -c:v libx264 -vf fps={fps}
    /// -pix_fmt yuv420p -crf 17 -preset veryfast</c>; the file appears only once ffmpeg has succeeded. A ping-pong
    /// sequence (<see cref="FrameSequence.PingPong"/>) is read through a list of its frames in play order instead.
    /// </summary>
    public static async Task<string> EncodeFramesAsync(FfmpegTool ffmpeg, FrameSequence frames, string outputPath, VideoEncodeSettings settings,
        IProgress<FfmpegProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        frames.RequireFirstFrame($"encode '{outputPath}'");
        using var input = FrameInput.Open(frames, settings.FpsText, outputPath);
        return await FfmpegFileOutput.RunAsync(ffmpeg, outputPath,
            temp => [.. input.Input, .. settings.ExtraInputs(), .. input.Limit, .. settings.OutputOptions(), "-f", "mp4", temp],
            $"encode the frames '{frames.Pattern}' into '{Path.GetFullPath(outputPath)}'", progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A GIF preview of the same frames (ping-pong too when the sequence is). 0.7.1's create_gif reuses the mp4 command
    /// with a .gif name; a GIF cannot carry libx264/yuv420p, so this builds a per-video palette instead (far better
    /// colours than the default one).
    /// </summary>
    public static async Task<string> CreateGifAsync(FfmpegTool ffmpeg, FrameSequence frames, string outputPath, double fps,
        IProgress<FfmpegProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frames);
        var settings = new VideoEncodeSettings { Fps = fps };
        settings.Validate();
        frames.RequireFirstFrame($"create the GIF '{outputPath}'");
        using var input = FrameInput.Open(frames, settings.FpsText, outputPath);
        return await FfmpegFileOutput.RunAsync(ffmpeg, outputPath,
            temp => [.. input.Input, .. input.Limit,
                "-vf", $"fps={settings.FpsText},split[a][b];[a]palettegen[p];[b][p]paletteuse", "-loop", "0", "-f", "gif", temp],
            $"create the GIF '{Path.GetFullPath(outputPath)}' from '{frames.Pattern}'", progress, cancellationToken).ConfigureAwait(false);
    }
}
