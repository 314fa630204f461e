using Deforum.Media.Ffmpeg;

namespace Deforum.Media.Video;

/// <summary>Runs ffmpeg into a reserved temporary file beside the destination and renames it only on success.</summary>
internal static class FfmpegFileOutput
{
    /// <param name="arguments">The whole argument list given the temporary output path (which has no useful extension, so set <c>-f</c>).</param>
    public static async Task<string> RunAsync(FfmpegTool ffmpeg, string outputPath, Func<string, IEnumerable<string>> arguments,
        string what, IProgress<FfmpegProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ffmpeg);
        string full = Path.GetFullPath(outputPath);
        string temp = AtomicFile.ReserveTempPath(full);
        try
        {
            using var process = FfmpegProcess.Start(ffmpeg, arguments(temp), FfmpegStdout.Progress, progress);
            await process.WaitAsync(what, cancellationToken).ConfigureAwait(false);
            AtomicFile.Commit(temp, full);
            return full;
        }
        catch
        {
            AtomicFile.DeleteQuietly(temp);
            throw;
        }
    }
}
