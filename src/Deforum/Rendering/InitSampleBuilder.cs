using Deforum.Animation;
using Deforum.Animation.Color;
using Deforum.Animation.Perlin;
using Deforum.Planning;
using Deforum.Torch;

namespace Deforum.Rendering;

/// <summary>
/// Port of deforum-stable-diffusion helpers/render.py::render_animation's init block (v0.7, spec §14–15): the warped
/// previous frame, colour-matched, contrasted, sharpened and noised into the next generation's init sample.
/// </summary>
sealed class InitSampleBuilder(ColorCoherenceMode mode) : IDisposable
{
    readonly OwnedTensor _reference = new();

    /// <summary>The stored reference [H, W, 3] uint8, still owned here; null before the first.</summary>
    public Tensor? Reference => _reference.Value;

    /// <summary>
    /// A resumed run matches colours to its loaded frame [H, W, 3] uint8 (spec §19 step 4), or, resumed exactly, to the
    /// stopped run's reference (null: none stored yet).
    /// </summary>
    public void SetReference(Tensor? frame) => _reference.Set(frame?.Clone());

    /// <summary>The init sample [1, 3, H, W] float16 on <paramref name="device"/>.</summary>
    public Tensor Build(Tensor warped, PlannedFrame frame, Generator hostRandom, Device device)
    {
        using var scope = DisposeScope.Begin();
        // 1. colour coherence: the first warped frame becomes the reference (not frame 0 itself, quirk §14)
        var matched = warped;
        if (frame.Color == ColorReferenceRule.StoreReference) _reference.Set(warped.Clone());
        else if (frame.Color == ColorReferenceRule.MatchReference)
            matched = ColorCoherence.Match(warped, _reference.Value ?? throw new InvalidOperationException(
                $"frame {frame.Index} matches colours before a reference was stored"), mode);

        // 2. contrast (float64, unclipped), then the 0.7 anti-blur which clips and rounds to uint8
        var contrasted = Contrast.Apply(matched, frame.Contrast ?? 1);
        if (frame.AntiBlur is { } blur)
            contrasted = Contrast.UnsharpMask(contrasted, blur.Kernel, blur.Sigma, blur.Amount, blur.Threshold);

        // 3. noise: the notebook's continues the CPU stream the previous generation seeded, and .half() rounds the float32
        //    sum; the extension's Perlin noise blends into the 8-bit frame from a generator of its own
        var noised = frame.PerlinNoise is { } perlin
            ? FrameConversions.SampleFromFrame(PerlinFrameNoise.Add(EightBit(contrasted), frame.Noise ?? 0, perlin.Seed, perlin.Shape))
            : Noise.Add(FrameConversions.SampleFromFrame(contrasted), frame.Noise ?? 0, hostRandom);
        return scope.MoveToOuter(noised.To(device, DType.Float16));
    }

    /// <summary>
    /// The extension rounds its contrasted frame to uint8 before the noise ((prev_img · contrast).round().astype(uint8));
    /// values above 255 wrap there through NumPy's cast and are clipped here (docs/compat.md).
    /// </summary>
    static Tensor EightBit(Tensor contrasted)
    {
        if (contrasted.DType == DType.UInt8) return contrasted;
        using var scope = DisposeScope.Begin();
        return scope.MoveToOuter(contrasted.Round().Clamp(0, 255).To(DType.UInt8));
    }

    public void Dispose() => _reference.Dispose();
}
