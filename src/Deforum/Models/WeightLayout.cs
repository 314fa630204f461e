using System.Text;
using Deforum.Models.Weights;
using Deforum.Torch;

namespace Deforum.Models;

/// <summary>Checks weights against a model's key table before loading, so a config/checkpoint mismatch names its keys.</summary>
public static class WeightLayout
{
    const int MaxNamed = 8;

    /// <summary>Throws <see cref="ModelWeightsException"/> listing missing keys, unexpected keys and shape mismatches.</summary>
    public static void Check(string model, IReadOnlyList<WeightSpec> expected, IReadOnlyDictionary<string, Tensor> weights)
    {
        var expectedKeys = expected.Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        var missing = expected.Where(e => !weights.ContainsKey(e.Key)).Select(e => e.Key).ToList();
        var unexpected = weights.Keys.Where(k => !expectedKeys.Contains(k)).Order(StringComparer.Ordinal).ToList();
        var badShape = expected
            .Where(e => weights.TryGetValue(e.Key, out var t) && !t.Shape.SequenceEqual(e.Shape))
            .Select(e => $"{e.Key}: checkpoint {Format(weights[e.Key].Shape)} vs config {Format(e.Shape)}")
            .ToList();
        if (missing.Count + unexpected.Count + badShape.Count == 0) return;

        var sb = new StringBuilder($"{model}: the checkpoint's weights do not fit the model config.");
        Append(sb, "missing keys", missing);
        Append(sb, "unexpected keys", unexpected);
        Append(sb, "shape mismatches", badShape);
        sb.Append(" Check that the checkpoint and the model config (yaml) describe the same architecture.");
        throw new ModelWeightsException(sb.ToString());
    }

    static string Format(long[] shape) => $"[{string.Join(", ", shape)}]";

    static void Append(StringBuilder sb, string what, List<string> items)
    {
        if (items.Count == 0) return;
        sb.Append($" {items.Count} {what}: ").Append(string.Join("; ", items.Take(MaxNamed)));
        if (items.Count > MaxNamed) sb.Append($"; ... and {items.Count - MaxNamed} more");
        sb.Append('.');
    }
}
