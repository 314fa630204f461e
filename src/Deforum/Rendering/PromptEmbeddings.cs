using Deforum.Torch;

namespace Deforum.Rendering;

/// <summary>
/// The text encoder's output E(text) [1, 77, C] of every distinct text a run uses, each encoded once and kept until
/// disposed: a prompt blend window conditions every frame on two prompts, and a run's prompts repeat frame after frame.
/// </summary>
public sealed class PromptEmbeddings(Func<string, Tensor> encode) : IDisposable
{
    readonly Dictionary<string, Tensor> _cache = new(StringComparer.Ordinal);
    bool _disposed;

    /// <summary>How many distinct texts have been encoded.</summary>
    public int Count => _cache.Count;

    /// <summary>E(text), owned by this cache: do not dispose it.</summary>
    public Tensor Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_cache.TryGetValue(text, out var embedding))
            _cache[text] = embedding = DisposeScope.Detach(encode(text));
        return embedding;
    }

    public void Dispose()
    {
        foreach (var embedding in _cache.Values) embedding.Dispose();
        _cache.Clear();
        _disposed = true;
    }
}
