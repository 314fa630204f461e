using Deforum.Torch;
using Deforum.Torch.Checkpoints;
using Deforum.Torch.Modules;

namespace Deforum.Models.Weights;


/// <summary>
/// Deterministic random weights for any module tree (no download): benchmarks and load tests at the full SD size.
/// Drawn on the target device in declaration order from one seeded generator, with the golden set's scales:
/// matrices and kernels N(0, 1/fan_in) (activations keep unit scale through the depth, also in float16),
/// norm weights 1 + 0.1·N, biases 0.05·N.
/// </summary>
public static class RandomWeights
{
    const double NormWeightJitter = 0.1;
    const double BiasScale = 0.05;

    /// <summary>Fills every parameter of <paramref name="module"/> and returns it; tensors that already have a value (buffers such as position ids) keep it.</summary>
    public static T Initialize<T>(T module, long seed, Device? device = null, DType dtype = DType.Float32) where T : Module
    {
        var dev = device ?? Device.Cpu;
        using var generator = new Generator(unchecked((ulong)seed), dev);
        var weights = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var preset = module.StateDict();
        try
        {
            foreach (var (name, shape) in ParameterShapes.Of(module))
                weights[name] = DisposeScope.Detach(preset.TryGetValue(name, out var value) ? value.Clone() : Draw(name, shape, generator, dev, dtype));
        }
        catch
        {
            foreach (var t in weights.Values) t.Dispose();
            throw;
        }
        return WeightLoader.Load(module, weights, "", dev, dtype);
    }

    static Tensor Draw(string name, long[] shape, Generator generator, Device device, DType dtype)
    {
        using var scope = DisposeScope.Begin();
        var n = Tensor.Randn(shape, generator, DType.Float32, device);
        var value = shape.Length > 1
            ? n * (1.0 / Math.Sqrt(shape.Skip(1).Aggregate(1L, (a, b) => a * b)))
            : name.EndsWith("bias", StringComparison.Ordinal) ? n * BiasScale : n * NormWeightJitter + 1.0;
        return scope.MoveToOuter(value.To(dtype));
    }

    /// <summary>
    /// Writes the given modules' tensors as one checkpoint (safetensors, keys = prefix + name, e.g. the layout of
    /// <see cref="CheckpointLayout"/>) in <paramref name="dtype"/> — e.g. a full-size float16 SD file for load benchmarks.
    /// </summary>
    public static void WriteCheckpoint(string path, DType dtype, params (string Prefix, Module Module)[] parts) =>
        SafetensorsWriter.Write(path, [.. parts.SelectMany(p => p.Module.StateDict().Select(kv => (p.Prefix + kv.Key, kv.Value)))], floatDType: dtype);
}
