using System.Globalization;
using System.Text.RegularExpressions;
using Deforum.Media.Ffmpeg;

namespace Deforum.Media.Video;

/// <summary>Reads a video's size, frame rate and frame count with ffmpeg alone (no ffprobe needed).</summary>
public static partial class VideoProbe
{
    /// <summary>
    /// Copies the first video stream to the null muxer: fast (no decoding), and its final progress report counts
    /// every frame; size and rate come from the stream line ffmpeg logs while opening the input.
    /// </summary>
    public static async Task<VideoInfo> ProbeAsync(FfmpegTool ffmpeg, string videoPath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ffmpeg);
        string full = RequireVideo(videoPath);
        var last = new LatestProgress();
        using var process = FfmpegProcess.Start(ffmpeg, ["-i", full, "-map", "0:v:0", "-c", "copy", "-f", "null", "-"], FfmpegStdout.Progress, last);
        await process.WaitAsync($"read the video '{full}' (is it a video file ffmpeg can open?)", cancellationToken).ConfigureAwait(false);

        var stream = process.StderrHead.FirstOrDefault(l => l.TrimStart().StartsWith("Stream #", StringComparison.Ordinal) && l.Contains(": Video:", StringComparison.Ordinal))
                     ?? throw new FfmpegException($"'{full}' has no video stream");
        var size = SizeField().Match(stream);
        var rate = RateField().Match(stream);
        if (!size.Success || !rate.Success)
            throw new FfmpegException($"could not read the size and frame rate of '{full}' from ffmpeg's description: {stream.Trim()}");
        double fps = double.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture) * (rate.Groups[2].Value == "k" ? 1000 : 1);
        return new VideoInfo(int.Parse(size.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(size.Groups[2].Value, CultureInfo.InvariantCulture),
            fps, checked((int)last.Latest.Frame));
    }

    internal static string RequireVideo(string videoPath)
    {
        string full = Path.GetFullPath(videoPath);
        if (!File.Exists(full))
            throw new FileNotFoundException($"video '{full}' does not exist; check video_init_path / video_mask_path", full);
        return full;
    }

    sealed class LatestProgress : IProgress<FfmpegProgress>
    {
        public FfmpegProgress Latest { get; private set; }

        public void Report(FfmpegProgress value) => Latest = value;
    }

    // "Stream #0:0[0x1](und): Video: h264 (High) (avc1 / 0x31637661), yuv420p(progressive), 64x64, 52 kb/s, 12 fps, 12 tbr, ..."
    [GeneratedRegex(@", (\d{1,5})x(\d{1,5})[,\s\[]")]
    private static partial Regex SizeField();

    // ffmpeg prefers "fps" and falls back to "tbr"; it abbreviates thousands as "1k".
    [GeneratedRegex(@"([\d.]+)(k?) (?:fps|tbr)\b")]
    private static partial Regex RateField();
}
