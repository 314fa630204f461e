using System.Collections;

namespace Deforum.Torch.Checkpoints;

/// <summary>
/// The tensors of a loaded checkpoint by state-dict key. Owns them: dispose it, or hand tensors to a module with
/// Module.LoadStateDict(..., takeOwnership: true) after <see cref="TakeAll"/>/<see cref="Take"/>.
/// </summary>
public sealed class CheckpointTensors : IReadOnlyDictionary<string, Tensor>, IDisposable
{
    readonly Dictionary<string, Tensor> _tensors;

    internal CheckpointTensors(Dictionary<string, Tensor> tensors, string path, string? sha256, IReadOnlyList<string> unknownClasses)
    {
        _tensors = tensors;
        Path = path;
        Sha256 = sha256;
        UnknownClasses = unknownClasses;
    }

    /// <summary>Classes the pickle named that were kept as inert placeholders (e.g. pytorch_lightning callbacks), to report once.</summary>
    public IReadOnlyList<string> UnknownClasses { get; }

    public string Path { get; }

    /// <summary>Lower-case hex sha256 of the whole file, computed while loading; null when not requested.</summary>
    public string? Sha256 { get; }

    /// <summary>Removes and returns the tensors whose keys start with <paramref name="prefix"/>, with the prefix stripped.</summary>
    public Dictionary<string, Tensor> Take(string prefix)
    {
        var taken = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var key in _tensors.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList())
        {
            taken[key[prefix.Length..]] = _tensors[key];
            _tensors.Remove(key);
        }
        return taken;
    }

    public Dictionary<string, Tensor> TakeAll() => Take("");

    public Tensor this[string key] => _tensors.TryGetValue(key, out var t) ? t : throw new KeyNotFoundException($"'{Path}' has no tensor '{key}'");
    public IEnumerable<string> Keys => _tensors.Keys;
    public IEnumerable<Tensor> Values => _tensors.Values;
    public int Count => _tensors.Count;
    public bool ContainsKey(string key) => _tensors.ContainsKey(key);
    public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out Tensor value) => _tensors.TryGetValue(key, out value);
    public IEnumerator<KeyValuePair<string, Tensor>> GetEnumerator() => _tensors.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public void Dispose()
    {
        foreach (var t in _tensors.Values) t.Dispose();
        _tensors.Clear();
    }
}
