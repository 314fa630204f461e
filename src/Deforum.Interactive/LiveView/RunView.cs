using System.Text;
using Deforum.Interactive.Html;
using Deforum.Planning;
using Deforum.Rendering;

namespace Deforum.Interactive.LiveView;

/// <summary>
/// The Do the Run! cell's live output, updated in place as the engine reports: a progress bar (frame i/N, sampler step,
/// it/s, elapsed, ETA), the latest frame, and a strip of the frames before it. Frames are read back from disk once
/// written, so what is shown is what was saved.
/// </summary>
sealed class RunView : IProgress<RenderProgress>
{
    /// <summary>Recent frames kept in the strip under the latest one.</summary>
    const int StripLength = 8;
    const int ThumbnailWidth = 128;
    /// <summary>Sampler steps redraw the bar at most this often: a client drowning in updates lags behind the run.</summary>
    static readonly TimeSpan StepRedrawInterval = TimeSpan.FromMilliseconds(250);

    readonly KernelDisplay? _display;
    readonly RunProgressTracker _tracker;
    readonly string _title;
    readonly Queue<(string Name, byte[] Png)> _strip = new();
    byte[]? _latest;
    string? _latestPath;
    TimeSpan? _lastStepRedraw;
    string _state = "starting";

    public RunView(PlannedRun planned)
    {
        ArgumentNullException.ThrowIfNull(planned);
        _title = $"{planned.Plan.Mode} run {planned.Plan.Timestring} → {planned.Outdir}";
        _tracker = new RunProgressTracker(OnUpdate);
        _display = KernelDisplay.Show(Render(_tracker.Snapshot()));
    }

    /// <summary>How many times the view was redrawn in the cell.</summary>
    public int Updates => _display?.Updates ?? 0;

    public void Report(RenderProgress value) => _tracker.Report(value);

    /// <summary>The final state: finished, stopped between frames (and how to resume), or failed.</summary>
    public void Close(string state)
    {
        _state = state;
        _display?.Update(Render(_tracker.Snapshot()));
    }

    // Runs under the tracker's lock: one update at a time, in report order.
    void OnUpdate(RenderProgress e, RunProgressSnapshot s)
    {
        if (e.Event == RenderEvent.FrameWritten && e.Path is { } path && File.Exists(path))
        {
            if (_latestPath is not null)
            {
                _strip.Enqueue((Path.GetFileName(_latestPath), FrameHtml.ThumbnailPng(_latestPath, ThumbnailWidth)));
                while (_strip.Count > StripLength) _strip.Dequeue();
            }
            (_latest, _latestPath) = (File.ReadAllBytes(path), path);
        }
        if (e.Event == RenderEvent.SamplerStep)
        {
            if (_lastStepRedraw is { } last && e.Elapsed - last < StepRedrawInterval) return;
            _lastStepRedraw = e.Elapsed;
        }
        _state = s.Finished ? "finished" : "rendering";
        _display?.Update(Render(s));
    }

    string Render(RunProgressSnapshot s)
    {
        double fraction = s.FramesTotal > 0 ? (double)s.FramesDone / s.FramesTotal : 0;
        var html = new StringBuilder($"<div style=\"{HtmlText.CardStyle}\">");
        html.Append("<div><b>").Append(HtmlText.Escape(_title)).Append("</b> — ").Append(HtmlText.Escape(_state)).Append("</div>");
        html.Append("<div style=\"background:#8883;border-radius:3px;height:10px;margin:6px 0\"><div style=\"background:#4a8;height:10px;border-radius:3px;width:")
            .Append(HtmlText.Number(100 * fraction, "0.#")).Append("%\"></div></div>");
        html.Append("<div style=\"font-family:monospace\">").Append(HtmlText.Escape(s.ToString())).Append("</div>");
        if (_latest is not null)
            html.Append("<div style=\"margin-top:6px\">").Append(FrameHtml.Img(_latest, Path.GetFileName(_latestPath))).Append("</div>");
        if (_strip.Count > 0)
        {
            html.Append("<div style=\"display:flex;gap:4px;margin-top:4px\">");
            foreach (var (name, png) in _strip.Reverse()) html.Append(FrameHtml.Img(png, name));
            html.Append("</div>");
        }
        return html.Append("</div>").ToString();
    }
}
