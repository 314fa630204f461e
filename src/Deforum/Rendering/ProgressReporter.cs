using System.Diagnostics;
using Deforum.Planning;
using Deforum.Sampling;

namespace Deforum.Rendering;

/// <summary>
/// Sends one plan execution's <see cref="RenderProgress"/> reports in their documented order, each stamped with the
/// time since the run started; reporting nothing when there is no listener.
/// </summary>
sealed class ProgressReporter
{
    readonly IProgress<RenderProgress>? _progress;
    readonly int _total;
    readonly Stopwatch _clock = Stopwatch.StartNew();
    int _completed;

    /// <summary>Reports <see cref="RenderEvent.RunStarted"/>.</summary>
    public ProgressReporter(RenderPlan plan, IProgress<RenderProgress>? progress)
    {
        (_progress, _total) = (progress, plan.Frames.Count);
        Send(RenderEvent.RunStarted, null, r => r with { Plan = plan });
    }

    public void FrameStarted(PlannedFrame frame) => Send(RenderEvent.FrameStarted, frame);

    /// <summary>What the generation of <paramref name="frame"/> reports its sampler steps to; null without a listener.</summary>
    public IProgress<SamplerProgress>? StepsOf(PlannedFrame frame) => _progress is null ? null : new StepListener(this, frame);

    public void Written(PlannedFrame frame, string path, string? depthPath = null) =>
        Send(RenderEvent.FrameWritten, frame, r => r with { Path = path, DepthPath = depthPath });

    public void EntryFinished(PlannedFrame frame)
    {
        _completed++;
        Send(RenderEvent.EntryFinished, frame);
    }

    public void RunFinished(RenderPlan plan) => Send(RenderEvent.RunFinished, null, r => r with { Plan = plan });

    void Send(RenderEvent kind, PlannedFrame? frame, Func<RenderProgress, RenderProgress>? details = null)
    {
        if (_progress is null) return;
        var report = new RenderProgress(_completed, _total, frame) { Event = kind, Elapsed = _clock.Elapsed };
        _progress.Report(details is null ? report : details(report));
    }

    sealed class StepListener(ProgressReporter owner, PlannedFrame frame) : IProgress<SamplerProgress>
    {
        public void Report(SamplerProgress value) =>
            owner.Send(RenderEvent.SamplerStep, frame, r => r with { Step = value.Step, Steps = value.Steps });
    }
}
