using Deforum.Torch;

namespace Deforum.Animation;

/// <summary>Noise added to the init sample of a diffused frame (spec §15, §5.4).</summary>
public static class Noise
{
    /// <summary>
    /// Port of deforum-stable-diffusion helpers/generate.py::add_noise: float16 sample + float32 N(0,1)·amount, summed
    /// in float32 (render_animation then rounds it to float16 with .half()). The draw comes from
    /// <paramref name="generator"/> on the CPU, and happens even when amount is 0, as in the original.
    /// </summary>
    public static Tensor Add(Tensor sample, double amount, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(sample);
        using var scope = DisposeScope.Begin();
        var draw = Tensor.Randn(sample.Shape, generator);
        return scope.MoveToOuter(Add(sample, amount, draw));
    }

    /// <summary>The same with a given (e.g. recorded) standard-normal tensor of the sample's shape.</summary>
    public static Tensor Add(Tensor sample, double amount, Tensor standardNormal)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(standardNormal);
        if (!sample.Shape.SequenceEqual(standardNormal.Shape))
            throw new ArgumentException($"noise shape [{string.Join(", ", standardNormal.Shape)}] != sample shape [{string.Join(", ", sample.Shape)}]", nameof(standardNormal));
        using var scope = DisposeScope.Begin();
        var scaled = standardNormal.To(sample.Device, DType.Float32).Mul(amount);
        return scope.MoveToOuter(sample.To(DType.Float32).Add(scaled));
    }
}
