using Deforum.Animation;
using Deforum.Planning;
using Deforum.Settings;
using Deforum.Torch;

namespace Deforum.Rendering;

/// <summary>
/// Executes an Interpolation plan: each keyframe prompt's conditioning, then every saved frame generated with the
/// same seed from a linear blend of two neighbouring conditionings as init_c.
/// Port of deforum-stable-diffusion helpers/render.py::render_interpolation (0.4, spec §17).
/// </summary>
public sealed class InterpolationRenderer
{
    readonly IFrameGenerator _generator;
    readonly IFrameSink _sink;

    public InterpolationRenderer(PreparedRun run, IFrameGenerator generator, IFrameSink sink)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(sink);
        if (run.Settings.Animation.AnimationMode != AnimationModes.Interpolation)
            throw new ArgumentException($"animation_mode '{run.Settings.Animation.AnimationMode}' is not Interpolation", nameof(run));
        (_generator, _sink) = (generator, sink);
    }

    /// <summary>
    /// The keyframe images the original generates only to display them (and to return their c) are not sampled:
    /// their conditioning is all the saved frames use, and the fixed seed makes every generation independent.
    /// Cancellation is checked before each frame; frames already written stay whole.
    /// </summary>
    public void Render(RenderPlan plan, IProgress<RenderProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Mode != AnimationModes.Interpolation) throw new ArgumentException($"plan mode '{plan.Mode}' is not Interpolation", nameof(plan));
        var keys = new List<Tensor>();
        using var hostRandom = new Generator(0);
        try
        {
            for (int i = 0; i < plan.Frames.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var frame = plan.Frames[i];
                if (frame.Kind == FrameKind.KeyPrompt)
                {
                    // 1. c_k of every keyframe prompt, in insertion order
                    keys.Add(DisposeScope.Detach(_generator.EncodePrompt(frame.Prompt!)));
                }
                else
                {
                    using var scope = DisposeScope.Begin();
                    // 2. c = c_from + (c_to − c_from)·w as init_c, with the run's fixed seed
                    var blend = frame.PromptBlend!;
                    var c = keys[blend.FromPrompt].Add(keys[blend.ToPrompt].Sub(keys[blend.FromPrompt]).Mul(blend.Weight));
                    hostRandom.ManualSeed(frame.Seed!.Value);
                    var request = new GenerationRequest(frame.Index, frame.Prompt!, frame.Seed.Value, frame.Strength!.Value, frame.Steps!.Value,
                        null, frame.InitImage, null, hostRandom, InitC: c);
                    var image = FrameConversions.ImageFromDecoded(_generator.Generate(request, cancellationToken)); // [H, W, 3]
                    _sink.Write(new RenderedImage(frame.Index, OutputKind.Frame, frame.FileName!, image));
                }
                progress?.Report(new RenderProgress(i + 1, plan.Frames.Count, frame));
            }
        }
        finally
        {
            foreach (var c in keys) c.Dispose();
        }
    }
}
