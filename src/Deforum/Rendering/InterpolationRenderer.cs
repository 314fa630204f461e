using Deforum.Planning;
using Deforum.Sampling;
using Deforum.Settings;
using Deforum.Torch;

namespace Deforum.Rendering;

/// <summary>
/// Executes an Interpolation plan: each keyframe prompt's conditioning, then every saved frame generated with the
/// same seed from a blend of two neighbouring conditionings (linear, or 0.7.1's slerp) as init_c.
/// Port of deforum-stable-diffusion helpers/render.py::render_interpolation (0.4, spec §17).
/// </summary>
public sealed class InterpolationRenderer
{
    readonly IFrameGenerator _generator;
    readonly IFrameSink _sink;

    public InterpolationRenderer(PreparedRun run, IFrameGenerator generator, IFrameSink sink)
    {
        SingleGeneration.RequireMode(run, generator, sink, AnimationModes.Interpolation);
        (_generator, _sink) = (generator, sink);
    }

    /// <summary>
    /// The keyframe images the original generates only to display them (and to return their c) are not sampled:
    /// their conditioning is all the saved frames use, and the fixed seed makes every generation independent.
    /// Cancellation is checked before each frame; frames already written stay whole.
    /// </summary>
    public void Render(RenderPlan plan, IProgress<RenderProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        SingleGeneration.RequireMode(plan, AnimationModes.Interpolation);
        var keys = new List<Tensor>();
        var report = new ProgressReporter(plan, progress);
        using var hostRandom = new Generator(0);
        try
        {
            for (int i = 0; i < plan.Frames.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var frame = plan.Frames[i];
                report.FrameStarted(frame);
                if (frame.Kind == FrameKind.KeyPrompt)
                {
                    // 1. c_k of every keyframe prompt, in insertion order
                    keys.Add(DisposeScope.Detach(_generator.EncodePrompt(frame.Prompt!)));
                }
                else
                {
                    using var scope = DisposeScope.Begin();
                    // 2. the blend of the two keys' c (the last frame: its key's c) as init_c, with the run's fixed seed
                    var blend = frame.PromptBlend!;
                    var c = blend.FromPrompt == blend.ToPrompt ? keys[blend.FromPrompt]
                        : ConditioningBlend.Blend(keys[blend.FromPrompt], keys[blend.ToPrompt], blend.Weight, blend.Method);
                    var image = SingleGeneration.Image(_generator, frame, hostRandom, report.StepsOf(frame), cancellationToken, initC: c); // [H, W, 3]
                    report.Written(frame, _sink.Write(new RenderedImage(frame.Index, OutputKind.Frame, frame.FileName!, image)));
                }
                report.EntryFinished(frame);
            }
            report.RunFinished(plan);
        }
        finally
        {
            foreach (var c in keys) c.Dispose();
        }
    }
}
