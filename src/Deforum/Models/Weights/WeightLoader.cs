using System.Text;
using Deforum.Torch;
using Deforum.Torch.Modules;

namespace Deforum.Models.Weights;

/// <summary>
/// Total, single-copy loading of one model's checkpoint tensors: every key present, none left over, every shape as
/// the config implies — else one error naming the keys (with their full checkpoint names) and shapes.
/// </summary>
public static class WeightLoader
{
    const int MaxNamed = 10;

    const string ConfigMismatchHint =
        "The checkpoint and the yaml describe different architectures (e.g. an SD 2.x checkpoint with v1-inference.yaml).";

    /// <summary>
    /// Loads <paramref name="weights"/> (keys relative to <paramref name="prefix"/>) into <paramref name="module"/>,
    /// which adopts them (converted to <paramref name="dtype"/>/<paramref name="device"/> when given, else kept as
    /// they are). On failure the weights and the module are disposed; the error ends with <paramref name="mismatchHint"/>
    /// (default: the SD yaml/checkpoint advice).
    /// </summary>
    public static T Load<T>(T module, Dictionary<string, Tensor> weights, string prefix, Device? device, DType? dtype,
        string? mismatchHint = null) where T : Module
    {
        try
        {
            Check(module, weights, prefix, mismatchHint ?? ConfigMismatchHint);
            module.LoadStateDict(weights, castTo: dtype, device: device, takeOwnership: true);
            return module;
        }
        catch
        {
            foreach (var t in weights.Values) t.Dispose();
            module.Dispose();
            throw;
        }
    }

    static void Check(Module module, Dictionary<string, Tensor> weights, string prefix, string hint)
    {
        var expected = ParameterShapes.Of(module);
        var names = expected.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        var missing = expected.Where(e => !weights.ContainsKey(e.Name)).Select(e => $"{prefix}{e.Name} [{Dims(e.Shape)}]").ToList();
        var unexpected = weights.Where(w => !names.Contains(w.Key)).OrderBy(w => w.Key, StringComparer.Ordinal)
            .Select(w => $"{prefix}{w.Key} [{Dims(w.Value.Shape)}]").ToList();
        var shapes = expected.Where(e => weights.TryGetValue(e.Name, out var t) && !t.Shape.SequenceEqual(e.Shape))
            .Select(e => $"{prefix}{e.Name}: checkpoint [{Dims(weights[e.Name].Shape)}], config [{Dims(e.Shape)}]").ToList();
        if (missing.Count + unexpected.Count + shapes.Count == 0) return;

        var sb = new StringBuilder($"the checkpoint's {prefix}* weights do not fit the {module.GetType().Name} of the model config.");
        Append(sb, "shape mismatches", shapes);
        Append(sb, "missing from the checkpoint", missing);
        Append(sb, "not in the model", unexpected);
        sb.Append(' ').Append(hint);
        throw new ModelWeightsException(sb.ToString());
    }

    static string Dims(long[] shape) => string.Join(", ", shape);

    static void Append(StringBuilder sb, string what, List<string> items)
    {
        if (items.Count == 0) return;
        sb.Append($" {items.Count} {what}: ").Append(string.Join("; ", items.Take(MaxNamed)));
        if (items.Count > MaxNamed) sb.Append($"; ... and {items.Count - MaxNamed} more");
        sb.Append('.');
    }
}
