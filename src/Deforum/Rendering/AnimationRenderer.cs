using Deforum.Outputs;
using Deforum.Planning;
using Deforum.Settings;

namespace Deforum.Rendering;

/// <summary>
/// Executes a render plan frame by frame: port of deforum-stable-diffusion helpers/render.py::render_animation's loop
/// (v0.7, spec §10, §13) for 2D, 3D and Video Input, with diffusion delegated to an <see cref="IFrameGenerator"/> and
/// every finished image handed to an <see cref="IFrameSink"/>. Frames stay tensors on the generator's device between
/// steps; only finished images go to the host.
/// </summary>
public sealed class AnimationRenderer
{
    static readonly string[] RenderedModes = [AnimationModes.TwoD, AnimationModes.ThreeD, AnimationModes.VideoInput];

    readonly PreparedRun _run;
    readonly IFrameGenerator _generator;
    readonly IFrameSink _sink;
    readonly IDepthEstimator? _depth;

    /// <param name="depth">Required when the settings use depth (3D with use_depth_warping, or save_depth_maps).</param>
    public AnimationRenderer(PreparedRun run, IFrameGenerator generator, IFrameSink sink, IDepthEstimator? depth = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(sink);
        if (!RenderedModes.Contains(run.Settings.Animation.AnimationMode))
            throw new ArgumentException($"animation_mode '{run.Settings.Animation.AnimationMode}' is not a frame-loop mode; valid: {string.Join(", ", RenderedModes)}", nameof(run));
        (_run, _generator, _sink, _depth) = (run, generator, sink, depth);
    }

    /// <summary>
    /// Runs every entry of <paramref name="plan"/> in order, after loading from the sink what a resumed plan continues
    /// from: the stopped run's loop state (exact), or its last saved frame (a run without one, spec §19). In 2D and 3D
    /// the loop state goes to the sink after every diffused frame. Cancellation is checked before each entry (and passed
    /// to the generator); images already handed to the sink stay, nothing is half-written by an atomic sink, so a
    /// cancelled or killed run can be resumed.
    /// </summary>
    public void Render(RenderPlan plan, IProgress<RenderProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Mode != _run.Settings.Animation.AnimationMode)
            throw new ArgumentException($"plan mode '{plan.Mode}' differs from the run's '{_run.Settings.Animation.AnimationMode}'", nameof(plan));
        var report = new ProgressReporter(plan, progress);
        using var session = new RenderSession(_run.Settings.Animation, _generator, _sink, _depth, report);
        if (plan.Resume?.Kind == ResumeKind.Exact)
        {
            using var state = _sink.LoadState(plan.Timestring);
            session.Restore(state);
        }
        else if (plan.Resume is { Kind: ResumeKind.Original } resume)
        {
            // the original opens by warping the last frame the earlier run saved (spec §19)
            using var last = _sink.Read(resume.LastFrameFile);
            session.Resume(last, resume.LastFrame);
        }
        var g = _run.Settings.Generation;
        var a = _run.Settings.Animation;
        bool carriesState = a.AnimationMode is AnimationModes.TwoD or AnimationModes.ThreeD;
        for (int i = 0; i < plan.Frames.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var frame = plan.Frames[i];
            report.FrameStarted(frame);
            if (frame.Kind == FrameKind.InBetween) session.InBetween(frame);
            else
            {
                session.Diffuse(frame, cancellationToken);
                // after the frame's files, so a kill in between only repeats this frame
                if (carriesState)
                {
                    using var state = session.Capture(new ResumeStateInfo(plan.Timestring, a.AnimationMode, g.W, g.H, a.DiffusionCadence, frame.Index, g.Seed));
                    _sink.SaveState(state);
                }
            }
            report.EntryFinished(frame);
        }
        report.RunFinished(plan);
    }
}
