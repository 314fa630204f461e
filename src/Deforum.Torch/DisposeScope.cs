namespace Deforum.Torch;

/// <summary>
/// Collects every tensor created while it is current and disposes them when it ends, except those moved out
/// with <see cref="MoveToOuter"/> or <see cref="Detach"/>. Current-ness flows with the async context, so a
/// scope survives `await` (notebooks use top-level await). Scopes nest.
/// </summary>
public sealed class DisposeScope : IDisposable
{
    static readonly AsyncLocal<DisposeScope?> CurrentScope = new();

    readonly HashSet<Tensor> _tensors = new(ReferenceEqualityComparer.Instance);
    bool _disposed;

    public DisposeScope? Outer { get; }

    DisposeScope(DisposeScope? outer) => Outer = outer;

    /// <summary>The innermost scope of this async flow, or null.</summary>
    public static DisposeScope? Current => CurrentScope.Value;

    /// <summary>Starts a scope that becomes current until disposed.</summary>
    public static DisposeScope Begin()
    {
        var scope = new DisposeScope(CurrentScope.Value);
        CurrentScope.Value = scope;
        return scope;
    }

    /// <summary>Tensors this scope will dispose.</summary>
    public int Count => _tensors.Count;

    internal void Add(Tensor t)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _tensors.Add(t);
        t.Scope = this;
    }

    internal void Remove(Tensor t) => _tensors.Remove(t);

    /// <summary>Hands the tensor to the enclosing scope (or to the caller when there is none).</summary>
    public Tensor MoveToOuter(Tensor tensor)
    {
        if (tensor.Scope == this)
        {
            _tensors.Remove(tensor);
            tensor.Scope = null;
            Outer?.Add(tensor);
        }
        return tensor;
    }

    /// <summary>Removes the tensor from every scope: the caller now owns it and must dispose it.</summary>
    public static Tensor Detach(Tensor tensor)
    {
        tensor.Scope?.Remove(tensor);
        tensor.Scope = null;
        return tensor;
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var t in _tensors)
        {
            t.Scope = null;
            t.Dispose();
        }
        _tensors.Clear();
        // Restore the outer scope only if this one is still current (out-of-order disposal keeps the current one).
        if (CurrentScope.Value == this) CurrentScope.Value = Outer;
    }
}
