using Deforum.Animation;
using Deforum.Planning;
using Deforum.Sampling;
using Deforum.Torch;

namespace Deforum.Rendering;

/// <summary>What the still-batch and Interpolation loops share: their arguments, and one frame = one seeded generation.</summary>
internal static class SingleGeneration
{
    public static void RequireMode(PreparedRun run, IFrameGenerator generator, IFrameSink sink, string mode)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(sink);
        if (run.Settings.Animation.AnimationMode != mode)
            throw new ArgumentException($"animation_mode '{run.Settings.Animation.AnimationMode}' is not '{mode}'", nameof(run));
    }

    public static void RequireMode(RenderPlan plan, string mode)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Mode != mode) throw new ArgumentException($"plan mode '{plan.Mode}' is not '{mode}'", nameof(plan));
    }

    /// <summary>seed_everything(seed), generate, then the uint8 image generate() returns → [H, W, 3] on the CPU.</summary>
    public static Tensor Image(IFrameGenerator generator, PlannedFrame frame, Generator hostRandom, IProgress<SamplerProgress>? steps,
        CancellationToken cancellationToken, Tensor? initC = null)
    {
        hostRandom.ManualSeed(frame.Seed!.Value);
        var request = new GenerationRequest(frame.Index, frame.Prompt!, frame.Seed.Value, frame.Strength!.Value, frame.Steps!.Value,
            null, frame.InitImage, null, hostRandom, InitC: initC, StepProgress: steps, PerlinInit: frame.PerlinInit);
        return FrameConversions.ImageFromDecoded(generator.Generate(request, cancellationToken));
    }
}
