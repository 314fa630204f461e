using System.ComponentModel;
using System.Diagnostics;

namespace Deforum.Media.Ffmpeg;

/// <summary>What a run's stdout carries.</summary>
internal enum FfmpegStdout
{
    /// <summary><c>-progress pipe:1</c> reports.</summary>
    Progress,

    /// <summary>Encoded output, kept in memory.</summary>
    Capture,
}

/// <summary>
/// One ffmpeg run from an argument array (never a shell string). stderr and stdout are drained on their own
/// tasks from the start, so ffmpeg never stalls on a full pipe; cancellation kills the process tree.
/// </summary>
internal sealed class FfmpegProcess : IDisposable
{
    readonly Process _process;
    readonly string _commandLine;
    readonly StderrLog _stderr = new();
    readonly Task _stderrPump;
    readonly Task _stdoutPump;
    readonly MemoryStream _captured = new();

    FfmpegProcess(Process process, string commandLine, FfmpegStdout stdout, IProgress<FfmpegProgress>? progress)
    {
        _process = process;
        _commandLine = commandLine;
        _stderrPump = Task.Run(PumpStderrAsync);
        _stdoutPump = stdout == FfmpegStdout.Capture
            ? _process.StandardOutput.BaseStream.CopyToAsync(_captured)
            : Task.Run(() => PumpProgressAsync(progress));
    }

    public static FfmpegProcess Start(FfmpegTool ffmpeg, IEnumerable<string> arguments, FfmpegStdout stdout,
        IProgress<FfmpegProgress>? progress = null, bool pipeInput = false)
    {
        var start = new ProcessStartInfo(ffmpeg.ExecutablePath)
        {
            RedirectStandardInput = pipeInput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-hide_banner");
        // Without a piped input ffmpeg would otherwise read keystrokes from our terminal.
        if (!pipeInput) start.ArgumentList.Add("-nostdin");
        if (stdout == FfmpegStdout.Progress)
            foreach (var a in (string[])["-nostats", "-progress", "pipe:1"]) start.ArgumentList.Add(a);
        foreach (var a in arguments) start.ArgumentList.Add(a);

        var commandLine = string.Join(' ', start.ArgumentList.Prepend(ffmpeg.ExecutablePath).Select(Quote));
        try
        {
            var process = Process.Start(start) ?? throw new FfmpegException($"ffmpeg at '{ffmpeg.ExecutablePath}' could not be started");
            return new FfmpegProcess(process, commandLine, stdout, progress);
        }
        catch (Win32Exception e)
        {
            throw new FfmpegException($"ffmpeg at '{ffmpeg.ExecutablePath}' cannot be run ({e.Message}); check the file and its permissions", e);
        }
    }

    public Stream StandardInput => _process.StandardInput.BaseStream;

    public IReadOnlyList<string> StderrHead => _stderr.Head;

    /// <summary>What stdout carried, once <see cref="WaitAsync"/> has returned (Capture mode).</summary>
    public byte[] CapturedOutput => _captured.ToArray();

    /// <summary>Waits for ffmpeg to exit; a non-zero exit becomes an <see cref="FfmpegException"/> about <paramref name="what"/>.</summary>
    public async Task WaitAsync(string what, CancellationToken cancellationToken)
    {
        try
        {
            await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw;
        }
        await Task.WhenAll(_stderrPump, _stdoutPump).ConfigureAwait(false);
        if (_process.ExitCode != 0) throw Failure(what);
    }

    /// <summary>The error to report once ffmpeg has gone away while we were still feeding it.</summary>
    public async Task<FfmpegException> FailureAfterBrokenPipeAsync(string what)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(patience.Token).ConfigureAwait(false);
            await Task.WhenAll(_stderrPump, _stdoutPump).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }
        return Failure(what);
    }

    public void Kill()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone between the check and the kill.
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
        _captured.Dispose();
    }

    FfmpegException Failure(string what)
    {
        var tail = _stderr.Tail;
        int code = _process.HasExited ? _process.ExitCode : -1;
        return new FfmpegException(
            $"ffmpeg failed to {what} (exit code {code}).{Environment.NewLine}" +
            $"  command: {_commandLine}{Environment.NewLine}" +
            $"  ffmpeg said:{Environment.NewLine}    " + (tail.Count > 0 ? string.Join(Environment.NewLine + "    ", tail) : "(nothing)"),
            code, tail);
    }

    async Task PumpStderrAsync()
    {
        var reader = _process.StandardError;
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line) _stderr.Add(line);
    }

    async Task PumpProgressAsync(IProgress<FfmpegProgress>? progress)
    {
        var parser = new FfmpegProgress.Parser();
        var reader = _process.StandardOutput;
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
            if (parser.Feed(line, out var report)) progress?.Report(report);
    }

    static string Quote(string arg) => arg.Length > 0 && !arg.Any(char.IsWhiteSpace) && !arg.Contains('\'') ? arg : $"'{arg.Replace("'", "'\\''")}'";
}
