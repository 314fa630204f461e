using System.Text;

namespace Deforum.Torch.Modules;

/// <summary>The total state-dict load: all keys, no extras, every shape and dtype — or one error naming the offenders.</summary>
internal static class StateDictLoader
{
    const int MaxNamed = 8;

    public static void Load(Module module, IReadOnlyDictionary<string, Tensor> stateDict, DType? castTo, Device? device, bool takeOwnership)
    {
        var expected = module.NamedTensors().ToList();
        var expectedNames = expected.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        var missing = expected.Where(e => !stateDict.ContainsKey(e.Name)).Select(e => e.Name).ToList();
        var unexpected = stateDict.Keys.Where(k => !expectedNames.Contains(k)).OrderBy(k => k, StringComparer.Ordinal).ToList();
        var declared = module.DeclaredShapes().ToDictionary(d => d.Name, d => d.Shape, StringComparer.Ordinal);
        var badShape = new List<string>();
        var badDType = new List<string>();
        foreach (var (name, current, _) in expected)
        {
            if (!stateDict.TryGetValue(name, out var src)) continue;
            var want = declared.GetValueOrDefault(name) ?? current?.Shape;
            if (want is not null && !want.SequenceEqual(src.Shape))
                badShape.Add($"{name}: checkpoint [{string.Join(", ", src.Shape)}] vs model [{string.Join(", ", want)}]");
            else if (current is not null && castTo is null && current.DType != src.DType && !(current.DType.IsFloatingPoint() && src.DType.IsFloatingPoint()))
                badDType.Add($"{name}: checkpoint {src.DType} vs model {current.DType}");
        }

        if (missing.Count + unexpected.Count + badShape.Count + badDType.Count > 0)
        {
            var sb = new StringBuilder($"{module.GetType().Name}: the weights do not match the model.");
            Append(sb, "missing keys", missing);
            Append(sb, "unexpected keys", unexpected);
            Append(sb, "shape mismatches", badShape);
            Append(sb, "dtype mismatches", badDType);
            sb.Append(" Check that the checkpoint and the model config (yaml) are for the same architecture.");
            throw new InvalidOperationException(sb.ToString());
        }

        foreach (var (name, current, _) in expected)
        {
            var src = stateDict[name];
            var dtype = castTo is { } c && src.DType.IsFloatingPoint() ? c : current?.DType ?? src.DType;
            var dev = device ?? current?.Device ?? src.Device;
            Tensor value;
            if (src.DType == dtype && src.Device == dev) value = takeOwnership ? src : src.Clone();
            else
            {
                value = src.To(dev, dtype);
                if (takeOwnership) src.Dispose();
            }
            module.SetTensor(name, value);
        }
    }

    static void Append(StringBuilder sb, string what, List<string> items)
    {
        if (items.Count == 0) return;
        sb.Append($" {items.Count} {what}: ").Append(string.Join("; ", items.Take(MaxNamed)));
        if (items.Count > MaxNamed) sb.Append($"; ... and {items.Count - MaxNamed} more");
        sb.Append('.');
    }
}
