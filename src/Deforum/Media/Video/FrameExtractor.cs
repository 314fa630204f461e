using System.Globalization;
using Deforum.Media.Ffmpeg;

namespace Deforum.Media.Video;

/// <summary>Extracts every nth frame of a video into numbered JPEGs, as Video Input mode does (algorithms.md §16).</summary>
public static class FrameExtractor
{
    /// <summary>
    /// Mirrors deforum-stable-diffusion 0.4's extraction command (helpers vid2frames):
    /// <c>-vf select=not(mod(n\,N)) -vsync vfr -q:v 2</c> into 1-based numbered files. Frames are extracted into a
    /// hidden temporary folder and moved in only on success, so a failed run leaves the old frames untouched and
    /// no partial set behind. Returns the number of frames in the folder (the mode's <c>max_frames</c>).
    /// </summary>
    public static async Task<int> ExtractAsync(FfmpegTool ffmpeg, string videoPath, string outputFolder, FrameExtractionOptions? options = null,
        IProgress<FfmpegProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ffmpeg);
        options ??= new FrameExtractionOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.EveryNth, 1);
        string video = VideoProbe.RequireVideo(videoPath);
        string folder = Path.GetFullPath(outputFolder);
        string wildcard = "*" + Path.GetExtension(options.NamePattern);
        if (!options.Overwrite && Directory.Exists(folder)) return Directory.GetFiles(folder, wildcard).Length;

        string staging = Path.Combine(folder, $".extract-{Guid.NewGuid():N}");
        OutputFolder.Create(staging, folder);
        try
        {
            string nth = options.EveryNth.ToString(CultureInfo.InvariantCulture);
            using (var process = FfmpegProcess.Start(ffmpeg,
                       ["-y", "-i", video, "-vf", $"select=not(mod(n\\,{nth}))", ffmpeg.FpsModeOption, "vfr", "-q:v", "2",
                        "-start_number", "1", "-f", "image2", Path.Combine(staging, options.NamePattern)],
                       FfmpegStdout.Progress, progress))
            {
                await process.WaitAsync($"extract frames from the video '{video}' (is it a video file ffmpeg can open?)", cancellationToken).ConfigureAwait(false);
            }
            // Frames left by a longer earlier video would otherwise be counted (the 0.4-late/0.5 bug that 0.6 fixed).
            foreach (var stale in Directory.GetFiles(folder, wildcard)) File.Delete(stale);
            var extracted = Directory.GetFiles(staging, wildcard);
            foreach (var frame in extracted) File.Move(frame, Path.Combine(folder, Path.GetFileName(frame)));
            return extracted.Length;
        }
        finally
        {
            try
            {
                Directory.Delete(staging, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Best effort: a hidden leftover folder is harmless and the real outcome is already decided.
            }
        }
    }
}
