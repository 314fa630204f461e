using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace Deforum.Torch.Checkpoints;

/// <summary>
/// A pickle interpreter that never imports or calls anything: allow-listed globals are emulated in C#,
/// dangerous ones are refused when named, and every other global becomes an inert placeholder.
/// </summary>
// Opcode semantics: CPython Lib/pickletools.py documentation of each opcode (protocols 0-5).
internal sealed class SafeUnpickler
{
    // Every push consumes at least one input byte, so the pickle's length already bounds stack and memo;
    // these caps stop a small file of DUPs or PUTs from growing them to gigabytes of references. Real
    // checkpoints stay far below: pickle batches container items in groups of 1000.
    const int MaxStackDepth = 1 << 20;
    const int MaxMemoEntries = 1 << 24;
    const int HighestProtocol = 5;

    readonly byte[] _data;
    readonly string _path;
    readonly Func<object?, object?> _persistentLoad;
    readonly List<object?> _stack = [];
    readonly Stack<int> _marks = new();
    readonly Dictionary<long, object?> _memo = [];
    readonly List<string> _unknownGlobals = [];
    int _pos;

    SafeUnpickler(byte[] data, string path, Func<object?, object?> persistentLoad)
    {
        _data = data;
        _path = path;
        _persistentLoad = persistentLoad;
    }

    /// <summary>Runs the pickle and returns its value and the full names of the unknown globals it named.</summary>
    public static (object? Value, IReadOnlyList<string> UnknownGlobals) Load(byte[] data, string path, Func<object?, object?> persistentLoad)
    {
        var unpickler = new SafeUnpickler(data, path, persistentLoad);
        return (unpickler.Run(), unpickler._unknownGlobals);
    }

    object? Run()
    {
        while (true)
        {
            int at = _pos;
            var op = (PickleOpcode)ReadByte();
            try
            {
                if (Step(op, at)) return _stack[0];
            }
            catch (PickleValueException e)
            {
                throw Error(at, e.Message, e);
            }
        }
    }

    /// <summary>Executes one opcode; true at STOP.</summary>
    bool Step(PickleOpcode op, int at)
    {
        switch (op)
        {
            case PickleOpcode.Proto:
                if (ReadByte() is var proto and > HighestProtocol)
                    throw Error(at, $"pickle protocol {proto} is newer than the supported {HighestProtocol}");
                break;
            case PickleOpcode.Frame: Take(8); break; // frames only group bytes for buffered readers
            case PickleOpcode.Stop:
                if (_stack.Count != 1 || _marks.Count != 0)
                    throw Error(at, "the pickle ends with an unbalanced stack");
                return true;

            case PickleOpcode.Mark: _marks.Push(_stack.Count); break;
            case PickleOpcode.Pop:
                if (_marks.Count > 0 && _marks.Peek() == _stack.Count) _marks.Pop();
                else Pop(at);
                break;
            case PickleOpcode.PopMark: PopMark(at); break;
            case PickleOpcode.Dup: Push(Peek(at)); break;

            case PickleOpcode.None: Push(null); break;
            case PickleOpcode.NewTrue: Push(true); break;
            case PickleOpcode.NewFalse: Push(false); break;
            case PickleOpcode.BinInt: Push((long)BinaryPrimitives.ReadInt32LittleEndian(Take(4))); break;
            case PickleOpcode.BinInt1: Push((long)ReadByte()); break;
            case PickleOpcode.BinInt2: Push((long)BinaryPrimitives.ReadUInt16LittleEndian(Take(2))); break;
            case PickleOpcode.Long1: Push(Narrow(new BigInteger(Take(ReadByte())))); break;
            case PickleOpcode.Long4: Push(Narrow(new BigInteger(Take(ReadLength(4, at))))); break;
            case PickleOpcode.Int: Push(ParseTextInt(at)); break;
            case PickleOpcode.Long: Push(ParseTextLong(at)); break;
            case PickleOpcode.BinFloat: Push(BinaryPrimitives.ReadDoubleBigEndian(Take(8))); break;
            case PickleOpcode.Float: Push(ParseTextFloat(at)); break;

            case PickleOpcode.ShortBinUnicode: Push(Encoding.UTF8.GetString(Take(ReadByte()))); break;
            case PickleOpcode.BinUnicode: Push(Encoding.UTF8.GetString(Take(ReadLength(4, at)))); break;
            case PickleOpcode.BinUnicode8: Push(Encoding.UTF8.GetString(Take(ReadLength(8, at)))); break;
            // Python 2 str; torch.load decodes it with the same utf-8 it uses for unicode
            case PickleOpcode.ShortBinString: Push(Encoding.UTF8.GetString(Take(ReadByte()))); break;
            case PickleOpcode.BinString: Push(Encoding.UTF8.GetString(Take(ReadLength(4, at)))); break;
            case PickleOpcode.String: Push(PickleText.Unquote(ReadLine(at)) ?? throw Error(at, "malformed STRING literal")); break;
            case PickleOpcode.Unicode: Push(PickleText.RawUnicodeUnescape(Encoding.Latin1.GetString(ReadLineBytes(at))) ?? throw Error(at, "malformed UNICODE literal")); break;
            case PickleOpcode.ShortBinBytes: Push(Take(ReadByte()).ToArray()); break;
            case PickleOpcode.BinBytes: Push(Take(ReadLength(4, at)).ToArray()); break;
            case PickleOpcode.BinBytes8 or PickleOpcode.ByteArray8: Push(Take(ReadLength(8, at)).ToArray()); break;

            case PickleOpcode.EmptyTuple: Push(Array.Empty<object?>()); break;
            case PickleOpcode.Tuple: Push(PopMark(at)); break;
            case PickleOpcode.Tuple1: Push(new[] { Pop(at) }); break;
            case PickleOpcode.Tuple2: { var b = Pop(at); var a = Pop(at); Push(new[] { a, b }); break; }
            case PickleOpcode.Tuple3: { var c = Pop(at); var b = Pop(at); var a = Pop(at); Push(new[] { a, b, c }); break; }
            case PickleOpcode.EmptyList: Push(new List<object?>()); break;
            case PickleOpcode.List: Push(new List<object?>(PopMark(at))); break;
            case PickleOpcode.Append: { var item = Pop(at); ListOf(Peek(at), at).Add(item); break; }
            case PickleOpcode.Appends: { var items = PopMark(at); ListOf(Peek(at), at).AddRange(items); break; }
            case PickleOpcode.EmptyDict: Push(new PickleDict()); break;
            case PickleOpcode.Dict: { var dict = new PickleDict(); SetItems(dict, PopMark(at), at); Push(dict); break; }
            case PickleOpcode.SetItem: { var v = Pop(at); var k = Pop(at); DictOf(Peek(at), at).Set(k, v); break; }
            case PickleOpcode.SetItems: { var items = PopMark(at); SetItems(DictOf(Peek(at), at), items, at); break; }
            case PickleOpcode.EmptySet: Push(new PickleSet(frozen: false)); break;
            case PickleOpcode.AddItems:
                {
                    var items = PopMark(at);
                    (Peek(at) as PickleSet ?? throw Error(at, $"ADDITEMS on a {AllowedCalls.Describe(Peek(at))}")).Items.AddRange(items);
                    break;
                }
            case PickleOpcode.FrozenSet: { var set = new PickleSet(frozen: true); set.Items.AddRange(PopMark(at)); Push(set); break; }

            case PickleOpcode.Put: Memo(ParseTextIndex(at), at); break;
            case PickleOpcode.BinPut: Memo(ReadByte(), at); break;
            case PickleOpcode.LongBinPut: Memo(BinaryPrimitives.ReadUInt32LittleEndian(Take(4)), at); break;
            case PickleOpcode.Memoize: Memo(_memo.Count, at); break;
            case PickleOpcode.Get: Push(Recall(ParseTextIndex(at), at)); break;
            case PickleOpcode.BinGet: Push(Recall(ReadByte(), at)); break;
            case PickleOpcode.LongBinGet: Push(Recall(BinaryPrimitives.ReadUInt32LittleEndian(Take(4)), at)); break;

            case PickleOpcode.Global: { var module = ReadLine(at); Push(Resolve(module, ReadLine(at))); break; }
            case PickleOpcode.StackGlobal:
                {
                    var name = Pop(at) as string;
                    var module = Pop(at) as string;
                    if (module is null || name is null) throw Error(at, "STACK_GLOBAL needs a module and a name string");
                    Push(Resolve(module, name));
                    break;
                }
            case PickleOpcode.Reduce: { var args = Pop(at); Push(Call(Pop(at), TupleOf(args, at), at)); break; }
            case PickleOpcode.NewObj: { var args = Pop(at); Push(New(Pop(at), TupleOf(args, at), null, at)); break; }
            case PickleOpcode.NewObjEx:
                {
                    var kwargs = Pop(at) as PickleDict ?? throw Error(at, "NEWOBJ_EX keyword arguments are not a dict");
                    var args = Pop(at);
                    Push(New(Pop(at), TupleOf(args, at), kwargs, at));
                    break;
                }
            case PickleOpcode.Inst: { var module = ReadLine(at); var cls = Resolve(module, ReadLine(at)); Push(New(cls, PopMark(at), null, at)); break; }
            case PickleOpcode.Obj: { var items = PopMark(at); if (items.Length == 0) throw Error(at, "OBJ without a class"); Push(New(items[0], items[1..], null, at)); break; }
            case PickleOpcode.Build: { var state = Pop(at); Build(Peek(at), state, at); break; }
            case PickleOpcode.BinPersId: Push(_persistentLoad(Pop(at))); break;
            case PickleOpcode.PersId: Push(_persistentLoad(ReadLine(at))); break;

            case PickleOpcode.Ext1 or PickleOpcode.Ext2 or PickleOpcode.Ext4:
                throw Error(at, "the pickle uses the copyreg extension registry (EXT opcodes), which is not supported");
            case PickleOpcode.NextBuffer or PickleOpcode.ReadOnlyBuffer:
                throw Error(at, "the pickle uses out-of-band buffers (protocol 5), which torch.save never writes");
            default:
                throw Error(at, $"unknown pickle opcode 0x{(byte)op:x2}; the data.pkl is corrupt");
        }
        return false;
    }

    object Resolve(string module, string name)
    {
        var global = PickleGlobals.Resolve(module, name, _path);
        if (global is PickledGlobal g && !_unknownGlobals.Contains(g.FullName))
            _unknownGlobals.Add(g.FullName);
        return global;
    }

    object? Call(object? callable, object?[] args, int at) => callable switch
    {
        AllowedGlobal g => AllowedCalls.Invoke(g, args),
        PickledGlobal g => new PickledObject(g, args, null),
        // calling a placeholder instance yields another placeholder of the same class
        PickledObject o => new PickledObject(o.Type, args, null),
        _ => throw Error(at, $"REDUCE calls a {AllowedCalls.Describe(callable)}, which is not callable"),
    };

    object New(object? cls, object?[] args, PickleDict? kwargs, int at) => cls switch
    {
        AllowedGlobal g when kwargs is null or { Count: 0 } => AllowedCalls.New(g, args),
        PickledGlobal g => new PickledObject(g, args, kwargs),
        _ => throw Error(at, $"the pickle instantiates a {AllowedCalls.Describe(cls)}, which is not a class"),
    };

    // BUILD is obj.__setstate__(state) or a __dict__ update; only its data is kept.
    void Build(object? target, object? state, int at)
    {
        switch (target)
        {
            case PickledObject o: o.State = state; break;
            case PickleDict d:
                // (dict_state, slot_state) or dict_state alone
                foreach (var part in state is object?[] { Length: 2 } t ? t : [state])
                {
                    if (part is null) continue;
                    if (part is not PickleDict attrs) throw Error(at, $"BUILD on a dict with a {AllowedCalls.Describe(part)} state");
                    foreach (var (k, v) in attrs)
                        d.SetAttribute(k as string ?? throw Error(at, "BUILD sets an attribute whose name is not a str"), v);
                }
                break;
            // numpy.dtype's state tuple: (version, byteorder, ...)
            case NumpyDType dt when state is object?[] { Length: > 1 } s && s[1] is string order: dt.ByteOrder = order; break;
            default: throw Error(at, $"BUILD on a {AllowedCalls.Describe(target)} is not supported");
        }
    }

    void SetItems(PickleDict dict, object?[] items, int at)
    {
        if (items.Length % 2 != 0) throw Error(at, "SETITEMS with an odd number of items");
        for (int i = 0; i < items.Length; i += 2) dict.Set(items[i], items[i + 1]);
    }

    List<object?> ListOf(object? target, int at) => target switch
    {
        List<object?> list => list,
        PickledObject o => o.ListItems,
        _ => throw Error(at, $"APPEND on a {AllowedCalls.Describe(target)}"),
    };

    PickleDict DictOf(object? target, int at) => target switch
    {
        PickleDict dict => dict,
        PickledObject o => o.DictItems,
        _ => throw Error(at, $"SETITEM on a {AllowedCalls.Describe(target)}"),
    };

    object?[] TupleOf(object? args, int at) =>
        args as object?[] ?? throw Error(at, $"call arguments are a {AllowedCalls.Describe(args)}, not a tuple");

    void Memo(long index, int at)
    {
        if (_memo.Count >= MaxMemoEntries && !_memo.ContainsKey(index))
            throw Error(at, $"the pickle memoizes more than {MaxMemoEntries} objects; refusing what looks like a memory bomb");
        _memo[index] = Peek(at);
    }

    object? Recall(long index, int at) =>
        _memo.TryGetValue(index, out var value) ? value : throw Error(at, $"memo entry {index} is read before it is written");

    void Push(object? value)
    {
        if (_stack.Count >= MaxStackDepth)
            throw Error(_pos, $"the pickle stack grows beyond {MaxStackDepth} items; refusing what looks like a memory bomb");
        _stack.Add(value);
    }

    object? Pop(int at)
    {
        if (_stack.Count == 0 || (_marks.Count > 0 && _marks.Peek() == _stack.Count))
            throw Error(at, "the pickle pops from an empty stack");
        var value = _stack[^1];
        _stack.RemoveAt(_stack.Count - 1);
        return value;
    }

    object? Peek(int at) =>
        _stack.Count == 0 || (_marks.Count > 0 && _marks.Peek() == _stack.Count)
            ? throw Error(at, "the pickle reads from an empty stack")
            : _stack[^1];

    object?[] PopMark(int at)
    {
        if (_marks.Count == 0) throw Error(at, "the pickle closes a MARK it never opened");
        int start = _marks.Pop();
        var items = _stack.GetRange(start, _stack.Count - start).ToArray();
        _stack.RemoveRange(start, _stack.Count - start);
        return items;
    }

    byte ReadByte() => _pos < _data.Length ? _data[_pos++] : throw Error(_pos, "the pickle is truncated (no STOP)");

    ReadOnlySpan<byte> Take(int count)
    {
        if (count > _data.Length - _pos)
            throw Error(_pos, $"the pickle claims {count} bytes but only {_data.Length - _pos} remain; it is truncated or forged");
        var span = _data.AsSpan(_pos, count);
        _pos += count;
        return span;
    }

    // A length field is checked against the bytes left before anything is allocated for it.
    int ReadLength(int fieldBytes, int at)
    {
        var field = Take(fieldBytes);
        ulong length = fieldBytes == 4 ? BinaryPrimitives.ReadUInt32LittleEndian(field) : BinaryPrimitives.ReadUInt64LittleEndian(field);
        if (length > (ulong)(_data.Length - _pos))
            throw Error(at, $"the pickle claims a {length}-byte value but only {_data.Length - _pos} bytes remain; it is truncated or forged");
        return (int)length;
    }

    string ReadLine(int at) => Encoding.UTF8.GetString(ReadLineBytes(at));

    ReadOnlySpan<byte> ReadLineBytes(int at)
    {
        int end = Array.IndexOf(_data, (byte)'\n', _pos);
        if (end < 0) throw Error(at, "the pickle is truncated inside a text argument");
        var line = _data.AsSpan(_pos, end - _pos);
        _pos = end + 1;
        return line;
    }

    object ParseTextInt(int at)
    {
        var text = ReadLine(at);
        // protocol 0 spells booleans as INT 00 / 01
        if (text == "00") return false;
        if (text == "01") return true;
        return BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? Narrow(v) : throw Error(at, $"malformed INT '{text}'");
    }

    object ParseTextLong(int at)
    {
        var text = ReadLine(at).TrimEnd('L');
        return BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? Narrow(v) : throw Error(at, $"malformed LONG '{text}'");
    }

    long ParseTextIndex(int at)
    {
        var text = ReadLine(at);
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : throw Error(at, $"malformed memo index '{text}'");
    }

    double ParseTextFloat(int at)
    {
        var text = ReadLine(at);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : throw Error(at, $"malformed FLOAT '{text}'");
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1859", Justification = "returns a long for every int that fits; CA1859 only sees the BigInteger path")]
    static object Narrow(BigInteger v) => v >= long.MinValue && v <= long.MaxValue ? (object)(long)v : v;

    CheckpointFormatException Error(int at, string message, Exception? inner = null) =>
        inner is null ? new($"'{_path}': data.pkl offset {at}: {message}") : new($"'{_path}': data.pkl offset {at}: {message}", inner);
}
