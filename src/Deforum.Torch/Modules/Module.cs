namespace Deforum.Torch.Modules;

/// <summary>
/// A network layer with named parameters, buffers and child modules (torch.nn.Module without autograd).
/// The module owns its tensors: they belong to no dispose scope and are freed by <see cref="Dispose"/>.
/// Names compose with '.' exactly as PyTorch state-dict keys do, so weights load by key.
/// </summary>
public abstract class Module : IDisposable
{
    readonly List<(string Name, Module Module)> _children = [];
    readonly List<string> _tensorNames = [];
    readonly Dictionary<string, Tensor?> _tensors = new(StringComparer.Ordinal);
    readonly HashSet<string> _buffers = new(StringComparer.Ordinal);
    readonly Dictionary<string, long[]> _shapes = new(StringComparer.Ordinal);
    bool _disposed;

    /// <summary>Registers a child; its tensors appear under "name.".</summary>
    protected T Register<T>(string name, T module) where T : Module
    {
        _children.Add((name, module));
        return module;
    }

    /// <summary>Declares a parameter of the given shape, filled by LoadStateDict.</summary>
    protected void Parameter(string name, params long[] shape) => Declare(name, shape, null, buffer: false);

    /// <summary>Declares a buffer (non-learned state such as position ids); its shape is the initial value's, if any.</summary>
    protected void Buffer(string name, Tensor? initial = null, long[]? shape = null) => Declare(name, shape ?? initial?.Shape, initial, buffer: true);

    void Declare(string name, long[]? shape, Tensor? initial, bool buffer)
    {
        if (_tensors.ContainsKey(name)) throw new InvalidOperationException($"{GetType().Name} declares '{name}' twice");
        _tensorNames.Add(name);
        _tensors[name] = initial is null ? null : DisposeScope.Detach(initial);
        if (shape is { Length: > 0 }) _shapes[name] = shape;
        if (buffer) _buffers.Add(name);
    }

    /// <summary>The declared shape of every tensor that has one, by full dotted name.</summary>
    public IEnumerable<(string Name, long[] Shape)> DeclaredShapes(string prefix = "")
    {
        foreach (var (n, shape) in _shapes) yield return (prefix + n, shape);
        foreach (var (name, child) in _children)
            foreach (var s in child.DeclaredShapes(prefix + name + "."))
                yield return s;
    }

    /// <summary>A declared tensor; throws a clear error if weights were never loaded.</summary>
    protected Tensor Get(string name) =>
        _tensors.TryGetValue(name, out var t) && t is not null
            ? t
            : throw new InvalidOperationException($"{GetType().Name}.{name} has no value: load the weights (LoadStateDict) before running the model");

    protected Tensor? GetOptional(string name) => _tensors.TryGetValue(name, out var t) ? t : null;

    public IEnumerable<(string Name, Module Module)> NamedChildren() => _children;

    /// <summary>Every declared parameter and buffer, depth first, with full dotted names, in declaration order.</summary>
    public IEnumerable<(string Name, Tensor? Tensor, bool IsBuffer)> NamedTensors(string prefix = "")
    {
        foreach (var n in _tensorNames) yield return (prefix + n, _tensors[n], _buffers.Contains(n));
        foreach (var (name, child) in _children)
            foreach (var t in child.NamedTensors(prefix + name + "."))
                yield return t;
    }

    public IEnumerable<(string Name, Tensor Tensor)> NamedParameters() =>
        NamedTensors().Where(t => !t.IsBuffer && t.Tensor is not null).Select(t => (t.Name, t.Tensor!));

    /// <summary>The loaded tensors by full name (borrowed: the module still owns them).</summary>
    public IReadOnlyDictionary<string, Tensor> StateDict() =>
        NamedTensors().Where(t => t.Tensor is not null).ToDictionary(t => t.Name, t => t.Tensor!, StringComparer.Ordinal);

    /// <summary>Replaces one tensor by its local or dotted name; the module takes ownership and frees the old one.</summary>
    internal void SetTensor(string dottedName, Tensor value)
    {
        var dot = dottedName.IndexOf('.', StringComparison.Ordinal);
        if (dot >= 0 && _children.FirstOrDefault(c => dottedName.AsSpan(0, dot).SequenceEqual(c.Name)) is { Module: { } child })
        {
            child.SetTensor(dottedName[(dot + 1)..], value);
            return;
        }
        if (!_tensors.TryGetValue(dottedName, out var old)) throw new KeyNotFoundException($"{GetType().Name} has no tensor '{dottedName}'");
        old?.Dispose();
        _tensors[dottedName] = DisposeScope.Detach(value);
    }

    /// <summary>Moves/casts every tensor (floating point ones only for dtype, as nn.Module.to does).</summary>
    public Module To(Device device, DType? dtype = null)
    {
        foreach (var (name, found, _) in NamedTensors().ToList())
        {
            if (found is null) continue;
            var t = found;
            if (t.IsMkldnn) SetTensor(name, t = t.ToDense()); // a packed conv weight moves and casts as a plain one
            var target = dtype is { } d && t.DType.IsFloatingPoint() ? d : t.DType;
            if (t.Device == device && t.DType == target) continue;
            SetTensor(name, t.To(device, target));
        }
        return this;
    }

    /// <summary>
    /// Loads weights by name, totally: every declared tensor must be present with the same shape, no key may be left
    /// over, and dtypes must match unless <paramref name="castTo"/> (or the tensor's own floating dtype) is given.
    /// With <paramref name="takeOwnership"/> the module adopts the given tensors (no copy when dtype and device
    /// already match; converted sources are disposed), which is how checkpoints stream in without a second copy;
    /// otherwise the tensors are copied and the caller keeps its own.
    /// </summary>
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> stateDict, DType? castTo = null, Device? device = null, bool takeOwnership = false) =>
        StateDictLoader.Load(this, stateDict, castTo, device, takeOwnership);

    public virtual void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var t in _tensors.Values) t?.Dispose();
        foreach (var (_, c) in _children) c.Dispose();
        GC.SuppressFinalize(this);
    }
}
