using System.Globalization;
using Deforum.Models.Registry;
using Deforum.Rendering;

namespace Deforum.Cli;

/// <summary>
/// A run's progress for people: on a terminal one bar that redraws in place (frames done/total, the current frame's
/// sampler steps, it/s, elapsed, ETA, the last frame written) and downloads as a redrawn line; otherwise (CI, logs,
/// pipes) a plain line per frame written and per tenth of a download.
/// </summary>
internal sealed class TerminalProgress(TextWriter output, bool interactive, int width)
{
    const int BarCells = 20;
    // a redraw per sampler step would flood a slow terminal; frames and the end always draw
    static readonly TimeSpan MinRedraw = TimeSpan.FromMilliseconds(100);

    readonly Lock _lock = new();
    TimeSpan? _lastDraw;
    bool _lineOpen;
    int _lastDecile = -1;

    /// <summary>Interactive when stdout is a terminal; as wide as it, less one column so the cursor never wraps.</summary>
    public static TerminalProgress ForConsole()
    {
        bool terminal = !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("TERM") != "dumb";
        int width = terminal ? Math.Max(40, Console.WindowWidth - 1) : int.MaxValue;
        return new TerminalProgress(Console.Out, terminal, width);
    }

    public RunProgressTracker Render(string outdir) => new((e, now) =>
    {
        lock (_lock) Draw(e, now, outdir);
    });

    public IProgress<DownloadProgress> Downloads => new Listener<DownloadProgress>(p =>
    {
        lock (_lock) Draw(p);
    });

    /// <summary>Ends a redrawn line before other output (a note, an error).</summary>
    public void Break()
    {
        lock (_lock)
        {
            if (!_lineOpen) return;
            output.WriteLine();
            _lineOpen = false;
        }
    }

    void Draw(RenderProgress e, RunProgressSnapshot now, string outdir)
    {
        if (e.Event == RenderEvent.RunStarted)
        {
            Line($"rendering {now.FramesTotal - now.FramesDone} of {now.FramesTotal} frames into {outdir}");
            return;
        }
        if (!interactive)
        {
            if (e.Event == RenderEvent.FrameWritten) Line(now.ToString());
            return;
        }
        bool always = e.Event is RenderEvent.FrameWritten or RenderEvent.RunFinished;
        if (!always && e.Elapsed - _lastDraw < MinRedraw) return;
        _lastDraw = e.Elapsed;
        Redraw($"{Bar(now.FramesDone, now.FramesTotal)} {now}");
        if (e.Event == RenderEvent.RunFinished) Break();
    }

    void Draw(DownloadProgress p)
    {
        double? fraction = p.Fraction;
        string amount = fraction is { } f
            ? string.Create(CultureInfo.InvariantCulture, $"{Megabytes(p.BytesReceived)}/{Megabytes(p.TotalBytes!.Value)} MB ({f * 100:0}%)")
            : $"{Megabytes(p.BytesReceived)} MB";
        string text = $"downloading {p.FileName}: {amount}";
        bool done = p.BytesReceived == p.TotalBytes;
        if (interactive)
        {
            Redraw(text);
            if (done) Break();
            return;
        }
        // a tenth of the file, or every 100 MB when the server does not say its size
        int decile = fraction is { } g ? (int)(g * 10) : (int)(p.BytesReceived / (100L << 20));
        if (decile == _lastDecile && !done) return;
        _lastDecile = decile;
        Line(text);
    }

    void Line(string text)
    {
        Break();
        output.WriteLine(Fit(text));
    }

    void Redraw(string text)
    {
        output.Write($"\r{Fit(text)}\u001b[K");
        output.Flush();
        _lineOpen = true;
    }

    string Fit(string text) => text.Length <= width ? text : text[..(width - 1)] + "…";

    static string Bar(int done, int total)
    {
        int full = total == 0 ? BarCells : Math.Clamp(done * BarCells / total, 0, BarCells);
        return $"[{new string('█', full)}{new string('░', BarCells - full)}]";
    }

    static string Megabytes(long bytes) => (bytes / (double)(1 << 20)).ToString("0.0", CultureInfo.InvariantCulture);

    sealed class Listener<T>(Action<T> onReport) : IProgress<T>
    {
        public void Report(T value) => onReport(value);
    }
}
