using System.Globalization;
using Deforum.Planning;

namespace Deforum.Rendering;

/// <summary>Where a run stands, from <see cref="RunProgressTracker.Snapshot"/>.</summary>
public sealed record RunProgressSnapshot
{
    /// <summary>Images saved, counting those a resumed run found already written.</summary>
    public int FramesDone { get; init; }
    public int FramesTotal { get; init; }
    public int EntriesDone { get; init; }
    public int EntriesTotal { get; init; }
    /// <summary>The plan entry running now (null before the first and after the last).</summary>
    public PlannedFrame? Current { get; init; }
    /// <summary>Sampler steps the current entry's generation has finished (0 before its first, and for in-betweens).</summary>
    public int Step { get; init; }
    /// <summary>Steps the current generation reports in all; null when unknown (dpm_adaptive, or no generation yet).</summary>
    public int? Steps { get; init; }
    /// <summary>Sampler iterations per second, measured over the latest generation with two steps or more.</summary>
    public double? StepsPerSecond { get; init; }
    public TimeSpan Elapsed { get; init; }
    /// <summary>Time left, from the sampler steps still to run at the pace so far; null until some work is done.</summary>
    public TimeSpan? Eta { get; init; }
    /// <summary>The last image written (a full path when written to disk).</summary>
    public string? LastWritten { get; init; }
    public bool Finished { get; init; }

    /// <summary>One line: "frame 12/30 · step 7/20 · 3.4 it/s · 0:42 · ETA 1:10 · last 20220903000000_00011.png".</summary>
    public override string ToString()
    {
        var parts = new List<string> { $"frame {FramesDone}/{FramesTotal}" };
        if (Current is { Kind: not FrameKind.InBetween and not FrameKind.KeyPrompt } && !Finished && (Step > 0 || Steps is not null))
            parts.Add(Steps is { } n ? $"step {Step}/{n}" : $"step {Step}");
        if (StepsPerSecond is { } rate) parts.Add(string.Create(CultureInfo.InvariantCulture, $"{rate:0.0} it/s"));
        parts.Add(Clock(Elapsed));
        if (Finished) parts.Add("done");
        else if (Eta is { } eta) parts.Add($"ETA {Clock(eta)}");
        if (LastWritten is { } last) parts.Add($"last {Path.GetFileName(last)}");
        return string.Join(" · ", parts);
    }

    /// <summary>m:ss, or h:mm:ss from an hour.</summary>
    public static string Clock(TimeSpan t) => t.TotalHours >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}")
        : string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalMinutes}:{t.Seconds:00}");
}

/// <summary>
/// Turns a run's <see cref="RenderProgress"/> reports into frames done/total, the current generation's sampler steps,
/// it/s, elapsed time and ETA — what the CLI's bar and the notebook's live view show. Reports may come from any
/// thread; <c>onUpdate</c> runs after each one, in report order, never two at once.
/// </summary>
public sealed class RunProgressTracker(Action<RenderProgress, RunProgressSnapshot>? onUpdate = null) : IProgress<RenderProgress>
{
    readonly Lock _lock = new();
    RunProgressSnapshot _state = new();
    // ETA: work = each generation's planned sampler steps + 1 (encode/decode); in-betweens are cheap warps
    double _workTotal, _workDone;
    TimeSpan? _firstStepAt;

    public void Report(RenderProgress value)
    {
        lock (_lock)
        {
            _state = Apply(value);
            onUpdate?.Invoke(value, _state);
        }
    }

    public RunProgressSnapshot Snapshot()
    {
        lock (_lock) return _state;
    }

    RunProgressSnapshot Apply(RenderProgress e)
    {
        var s = _state with { Elapsed = e.Elapsed, EntriesDone = e.Completed, EntriesTotal = e.Total };
        switch (e.Event)
        {
            case RenderEvent.RunStarted when e.Plan is { } plan:
                var saved = plan.SavedFrames.ToList();
                // a resumed plan starts at its first unsaved frame: everything before it is on disk already
                int before = plan.Resume is null || saved.Count == 0 ? 0 : saved.Min(f => f.Index);
                (_workTotal, _workDone) = (plan.Frames.Sum(Work), 0);
                return new RunProgressSnapshot { FramesDone = before, FramesTotal = before + saved.Count, EntriesTotal = e.Total, Elapsed = e.Elapsed };
            case RenderEvent.FrameStarted:
                _firstStepAt = null;
                return s with { Current = e.Frame, Step = 0, Steps = null };
            case RenderEvent.SamplerStep:
                double? rate = s.StepsPerSecond;
                if (_firstStepAt is not { } first) _firstStepAt = e.Elapsed;
                else if (e.Step > 1 && e.Elapsed > first) rate = (e.Step - 1) / (e.Elapsed - first).TotalSeconds;
                return s with { Current = e.Frame, Step = e.Step, Steps = e.Steps, StepsPerSecond = rate, Eta = Eta(e) };
            case RenderEvent.FrameWritten:
                return s with { FramesDone = s.FramesDone + 1, LastWritten = e.Path ?? s.LastWritten };
            case RenderEvent.EntryFinished:
                _workDone += e.Frame is { } done ? Work(done) : 0;
                return s with { Eta = Eta(e) };
            case RenderEvent.RunFinished:
                return s with { Current = null, Step = 0, Steps = null, Eta = TimeSpan.Zero, Finished = true };
            default:
                return s;
        }
    }

    TimeSpan? Eta(RenderProgress e)
    {
        double done = _workDone;
        // the running generation's finished share of its planned steps
        if (e.Event == RenderEvent.SamplerStep && e.Frame is { } f && Work(f) > 0)
            done += Work(f) * Math.Min(1, e.Steps is int n and > 0 ? (double)e.Step / n : 0);
        if (done <= 0 || _workTotal <= 0) return null;
        return TimeSpan.FromSeconds(e.Elapsed.TotalSeconds * Math.Max(0, _workTotal - done) / done);
    }

    static double Work(PlannedFrame f) => f.Kind is FrameKind.InBetween or FrameKind.KeyPrompt ? 0 : (f.Steps ?? 0) + 1;
}
