using Deforum.Torch;

namespace Deforum.Models;

/// <summary>
/// Deterministic random weights for a key table (benchmarks at full size without a download). The scales follow the
/// golden generator's init (N(0, 1/fan_in) matrices, 1 + 0.1·N norm scales, 0.05·N biases) so activations stay in
/// the range real weights give.
/// </summary>
public static class RandomStateDict
{
    public static Dictionary<string, Tensor> Create(IEnumerable<WeightSpec> specs, Generator generator, DType dtype = DType.Float32, Device? device = null)
    {
        var weights = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            foreach (var spec in specs)
                weights[spec.Key] = DisposeScope.Detach(Make(spec, generator, dtype, device ?? Device.Cpu));
        }
        catch
        {
            foreach (var t in weights.Values) t.Dispose();
            throw;
        }
        return weights;
    }

    static Tensor Make(WeightSpec spec, Generator generator, DType dtype, Device device)
    {
        using var scope = DisposeScope.Begin();
        var result = spec.Role switch
        {
            WeightRole.Index => Tensor.Arange(spec.Shape[^1], DType.Int64, device).Expand(spec.Shape).Contiguous(),
            WeightRole.Matrix => Noise(spec, generator, device).Mul(1.0 / Math.Sqrt(spec.Shape.Skip(1).Aggregate(1L, (a, b) => a * b))).To(dtype),
            WeightRole.NormScale => Noise(spec, generator, device).Mul(0.1).Add(1.0).To(dtype),
            WeightRole.Bias => Noise(spec, generator, device).Mul(0.05).To(dtype),
            _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Role, "unknown weight role"),
        };
        return scope.MoveToOuter(result);
    }

    static Tensor Noise(WeightSpec spec, Generator generator, Device device) => Tensor.Randn(spec.Shape, generator, DType.Float32, device);
}
