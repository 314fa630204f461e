namespace Deforum.Media.Ffmpeg;

/// <summary>ffmpeg is missing or unusable, or one of its runs failed; the message says what, where, and the fix.</summary>
public sealed class FfmpegException : Exception
{
    public FfmpegException(string message) : base(message) { }

    public FfmpegException(string message, Exception inner) : base(message, inner) { }

    public FfmpegException(string message, int exitCode, IReadOnlyList<string> stderrTail) : base(message)
    {
        ExitCode = exitCode;
        StderrTail = stderrTail;
    }

    /// <summary>ffmpeg's exit status, when a run ended with one.</summary>
    public int? ExitCode { get; }

    /// <summary>The last lines ffmpeg wrote to stderr, which usually name the real cause.</summary>
    public IReadOnlyList<string> StderrTail { get; } = [];
}
