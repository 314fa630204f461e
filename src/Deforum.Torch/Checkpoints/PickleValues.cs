using System.Collections;

namespace Deforum.Torch.Checkpoints;

// How pickled Python values appear after safe unpickling: None → null, bool, int → long (BigInteger when
// wider), float → double, str → string, bytes/bytearray → byte[], tuple → object?[], list → List<object?>,
// dict/OrderedDict → PickleDict, set/frozenset → PickleSet, tensors → PickledTensor, anything else → placeholders.

/// <summary>An insertion-ordered Python dict or OrderedDict. Keys are str, int, tuples or placeholders.</summary>
public sealed class PickleDict : IEnumerable<KeyValuePair<object, object?>>
{
    readonly OrderedDictionary<object, object?> _items = [];
    readonly Dictionary<string, object?> _attributes = new(StringComparer.Ordinal);

    public int Count => _items.Count;
    public IEnumerable<object> Keys => _items.Keys;
    public object? this[object key] => _items[key];
    public bool TryGetValue(object key, out object? value) => _items.TryGetValue(key, out value);

    /// <summary>Instance attributes set by BUILD, e.g. the <c>_metadata</c> torch attaches to a state_dict.</summary>
    public IReadOnlyDictionary<string, object?> Attributes => _attributes;

    internal void Set(object? key, object? value) =>
        _items[key ?? throw new PickleValueException("the pickle uses None as a dict key, which is not supported")] = value;

    internal void SetAttribute(string name, object? value) => _attributes[name] = value;

    public IEnumerator<KeyValuePair<object, object?>> GetEnumerator() => _items.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>A Python set or frozenset, in pickle order.</summary>
public sealed class PickleSet(bool frozen) : IEnumerable<object?>
{
    internal List<object?> Items { get; } = [];

    public bool IsFrozen { get; } = frozen;
    public int Count => Items.Count;

    public IEnumerator<object?> GetEnumerator() => Items.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>A class or function the pickle names that is not on the allow-list: recorded, never imported or called.</summary>
public sealed record PickledGlobal(string Module, string Name)
{
    public string FullName => $"{Module}.{Name}";
    public override string ToString() => FullName;
}

/// <summary>
/// An inert stand-in for an object the pickle would build by calling an unknown global: the call's
/// arguments, the BUILD state and any list/dict items are recorded as data; nothing runs.
/// </summary>
public sealed class PickledObject(PickledGlobal type, IReadOnlyList<object?> args, PickleDict? kwargs)
{
    public PickledGlobal Type { get; } = type;
    public IReadOnlyList<object?> Args { get; } = args;
    public PickleDict? Kwargs { get; } = kwargs;
    public object? State { get; internal set; }
    /// <summary>Items appended by APPEND(S) when the unknown class is a list subclass.</summary>
    public List<object?> ListItems { get; } = [];
    /// <summary>Items set by SETITEM(S) when the unknown class is a dict subclass.</summary>
    public PickleDict DictItems { get; } = new();

    public override string ToString() => $"<{Type.FullName} placeholder>";
}
