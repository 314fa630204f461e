using Deforum.Torch;

namespace Deforum.Animation;

/// <summary>Diffusion cadence: in-between frames blended from the warped previous and next diffused frames (spec §13).</summary>
public static class Cadence
{
    /// <summary>
    /// Port of deforum-stable-diffusion helpers/render.py's cadence loop blend: with start = max(0, f − N), frame k's
    /// weight is (k − start + 1)/(f − start).
    /// </summary>
    public static double Weight(int k, int diffusedFrame, int cadence)
    {
        int start = Math.Max(0, diffusedFrame - cadence);
        if (cadence < 1 || k < start || k >= diffusedFrame)
            throw new ArgumentOutOfRangeException(nameof(k), $"in-between {k} is outside [{start}, {diffusedFrame}) for cadence {cadence}");
        return (double)(k - start + 1) / (diffusedFrame - start);
    }

    /// <summary>
    /// prev·(1 − w) + next·w on float32 H×W×3 buffers, or next alone when there is no previous buffer or w = 1.
    /// The float64 Python weight multiplies float32 arrays, so the arithmetic stays float32.
    /// </summary>
    public static Tensor Blend(Tensor? previous, Tensor next, double weight)
    {
        HostImage.CheckHwc(next, nameof(next), 3);
        HostImage.CheckDType(next, nameof(next), DType.Float32);
        if (previous is null || weight >= 1) return next.Clone();
        HostImage.CheckDType(previous, nameof(previous), DType.Float32);
        if (!previous.Shape.SequenceEqual(next.Shape))
            throw new ArgumentException("previous and next cadence buffers differ in shape", nameof(previous));
        using var scope = DisposeScope.Begin();
        return scope.MoveToOuter(previous.Mul(1 - weight).Add(next.Mul(weight)));
    }

    /// <summary>The PNG of an in-between frame: the float32 blend truncated to uint8.</summary>
    public static Tensor ToImage(Tensor blended) => blended.To(DType.UInt8);
}
