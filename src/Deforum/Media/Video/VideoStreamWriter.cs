using System.Globalization;
using Deforum.Media.Ffmpeg;

namespace Deforum.Media.Video;

/// <summary>
/// Pipes raw frames into one ffmpeg process while a render runs, so the mp4 is finished when the last frame is.
/// The video appears at <see cref="OutputPath"/> only after <see cref="CompleteAsync"/>; disposing without
/// completing kills ffmpeg and removes the partial file. Not thread-safe: write from one thread.
/// </summary>
public sealed class VideoStreamWriter : IDisposable, IAsyncDisposable
{
    readonly FfmpegProcess _process;
    readonly string _tempPath;
    bool _finished;

    VideoStreamWriter(FfmpegProcess process, string tempPath, string outputPath, int width, int height, int channels)
    {
        _process = process;
        _tempPath = tempPath;
        OutputPath = outputPath;
        Width = width;
        Height = height;
        Channels = channels;
    }

    public string OutputPath { get; }
    public int Width { get; }
    public int Height { get; }

    /// <summary>1 (gray), 3 (RGB) or 4 (RGBA) interleaved 8-bit samples per pixel.</summary>
    public int Channels { get; }

    public int FramesWritten { get; private set; }

    public static VideoStreamWriter Start(FfmpegTool ffmpeg, string outputPath, int width, int height, int channels,
        VideoEncodeSettings settings, IProgress<FfmpegProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(ffmpeg);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        string pixelFormat = channels switch
        {
            1 => "gray",
            3 => "rgb24",
            4 => "rgba",
            _ => throw new ArgumentOutOfRangeException(nameof(channels), channels, "frames must have 1, 3 or 4 channels"),
        };
        settings.Validate();
        string full = Path.GetFullPath(outputPath);
        string temp = AtomicFile.ReserveTempPath(full);
        try
        {
            string[] input = ["-y", "-f", "rawvideo", "-pix_fmt", pixelFormat, "-s", string.Create(CultureInfo.InvariantCulture, $"{width}x{height}"),
                "-r", settings.FpsText, "-i", "pipe:0"];
            var process = FfmpegProcess.Start(ffmpeg, [.. input, .. settings.ExtraInputs(), .. settings.OutputOptions(), "-f", "mp4", temp],
                FfmpegStdout.Progress, progress, pipeInput: true);
            return new VideoStreamWriter(process, temp, full, width, height, channels);
        }
        catch
        {
            AtomicFile.DeleteQuietly(temp);
            throw;
        }
    }

    /// <summary>Sends one frame of exactly Width × Height × Channels bytes; blocks while ffmpeg catches up.</summary>
    public void WriteFrame(ReadOnlySpan<byte> pixels)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        int expected = Width * Height * Channels;
        if (pixels.Length != expected)
            throw new ArgumentException($"frame has {pixels.Length} bytes but a {Width}x{Height}x{Channels} frame needs {expected}", nameof(pixels));
        try
        {
            _process.StandardInput.Write(pixels);
        }
        catch (IOException e)
        {
            var failure = _process.FailureAfterBrokenPipeAsync($"encode frame {FramesWritten} into '{OutputPath}'").GetAwaiter().GetResult();
            Abandon();
            throw new FfmpegException(failure.Message + $"{Environment.NewLine}  (writing to ffmpeg failed: {e.Message})", failure.ExitCode ?? -1, failure.StderrTail);
        }
        FramesWritten++;
    }

    public void WriteFrame(ImageBuffer<byte> frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.Width != Width || frame.Height != Height || frame.Channels != Channels)
            throw new ArgumentException($"frame is {frame.Width}x{frame.Height}x{frame.Channels} but the video is {Width}x{Height}x{Channels}", nameof(frame));
        WriteFrame(frame.Pixels);
    }

    /// <summary>Ends the input, waits for ffmpeg to finish the file, and moves it to <see cref="OutputPath"/>.</summary>
    public async Task<string> CompleteAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        if (FramesWritten == 0)
        {
            Abandon();
            throw new InvalidOperationException($"no frames were written, so '{OutputPath}' was not created");
        }
        try
        {
            await _process.StandardInput.DisposeAsync().ConfigureAwait(false);
            await _process.WaitAsync($"encode {FramesWritten} streamed frames into '{OutputPath}'", cancellationToken).ConfigureAwait(false);
            AtomicFile.Commit(_tempPath, OutputPath);
        }
        finally
        {
            Abandon();
        }
        return OutputPath;
    }

    public void Dispose() => Abandon();

    public ValueTask DisposeAsync()
    {
        Abandon();
        return ValueTask.CompletedTask;
    }

    void Abandon()
    {
        if (_finished) return;
        _finished = true;
        _process.Dispose();
        AtomicFile.DeleteQuietly(_tempPath);
    }
}
