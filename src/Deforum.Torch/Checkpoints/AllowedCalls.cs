using System.Buffers.Binary;
using System.Numerics;

namespace Deforum.Torch.Checkpoints;

/// <summary>A storage as the persistent-id hook resolved it, before a tensor view is taken of it.</summary>
internal sealed record StorageRef(string Key, DType DType, long ElementCount);

/// <summary>A numpy.dtype under construction: its type code, and the byte order BUILD sets afterwards.</summary>
internal sealed class NumpyDType(string code)
{
    public string Code { get; } = code;
    public string ByteOrder { get; set; } = "=";
}

/// <summary>
/// C# emulations of the allow-listed globals, reproducing only the value each call returns (signatures
/// from torch/_utils.py and numpy's pickle support); malformed arguments are a format error, never a crash.
/// </summary>
internal static class AllowedCalls
{
    public static object? Invoke(AllowedGlobal g, object?[] args) => g.Callable switch
    {
        SafeCallable.OrderedDict => NewDict(g, args),
        SafeCallable.RebuildTensorV2 => RebuildTensor(g, args),
        SafeCallable.RebuildParameter or SafeCallable.RebuildParameterWithState => RebuildParameter(g, args),
        SafeCallable.TorchSize => args is [object?[] dims] ? dims : throw BadArgs(g, args),
        SafeCallable.CodecsEncode => Encode(g, args),
        SafeCallable.NumpyDType => args is [string code, ..] ? new NumpyDType(code) : throw BadArgs(g, args),
        SafeCallable.NumpyScalar => NumpyScalar(g, args),
        SafeCallable.Set or SafeCallable.FrozenSet => NewSet(g, args),
        _ => throw new InvalidOperationException($"no emulation for {g.FullName}"),
    };

    /// <summary>NEWOBJ on an allowed class: cls.__new__(cls) with the items arriving later.</summary>
    public static object New(AllowedGlobal g, object?[] args) => g.Callable switch
    {
        SafeCallable.OrderedDict => new PickleDict(),
        SafeCallable.Set or SafeCallable.FrozenSet => NewSet(g, args),
        _ => throw new PickleValueException($"the pickle instantiates '{g.FullName}' with NEWOBJ, which it is not"),
    };

    static PickleDict NewDict(AllowedGlobal g, object?[] args)
    {
        var dict = new PickleDict();
        if (args is []) return dict;
        // OrderedDict([(k, v), ...]), the form older protocols use
        if (args is not [List<object?> pairs]) throw BadArgs(g, args);
        foreach (var pair in pairs)
            if (pair is object?[] { Length: 2 } kv) dict.Set(kv[0], kv[1]);
            else throw BadArgs(g, args);
        return dict;
    }

    static PickleSet NewSet(AllowedGlobal g, object?[] args)
    {
        var set = new PickleSet(g.Callable == SafeCallable.FrozenSet);
        if (args is [List<object?> items]) set.Items.AddRange(items);
        else if (args is not []) throw BadArgs(g, args);
        return set;
    }

    // _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])
    static PickledTensor RebuildTensor(AllowedGlobal g, object?[] args)
    {
        if (args.Length is not (6 or 7) || args[0] is not StorageRef s || args[1] is not long off ||
            args[2] is not object?[] sizeItems || args[3] is not object?[] strideItems || args[4] is not bool grad)
            throw BadArgs(g, args);
        var (shape, strides) = (Longs(g, sizeItems), Longs(g, strideItems));
        if (shape.Length != strides.Length || off < 0 || shape.Any(d => d < 0) || strides.Any(d => d < 0))
            throw new PickleValueException(
                $"tensor on storage '{s.Key}' has an invalid view: offset {off}, shape [{string.Join(", ", shape)}], strides [{string.Join(", ", strides)}]");
        long needed = 0;
        try
        {
            long elements = shape.Aggregate(1L, (a, b) => checked(a * b));
            if (elements > 0)
                needed = checked(off + 1 + shape.Zip(strides).Aggregate(0L, (acc, ds) => checked(acc + (ds.First - 1) * ds.Second)));
        }
        catch (OverflowException)
        {
            throw new PickleValueException($"tensor on storage '{s.Key}' has a shape [{string.Join(", ", shape)}] too large to address");
        }
        if (needed > s.ElementCount)
            throw new PickleValueException(
                $"tensor on storage '{s.Key}' needs {needed} elements (offset {off}, shape [{string.Join(", ", shape)}], strides [{string.Join(", ", strides)}]) but the storage holds {s.ElementCount}");
        return new PickledTensor(s.Key, s.DType, off, shape, strides, grad);
    }

    // _rebuild_parameter(data, requires_grad, backward_hooks) and _rebuild_parameter_with_state(..., state)
    static PickledTensor RebuildParameter(AllowedGlobal g, object?[] args) =>
        args is [PickledTensor t, bool requiresGrad, ..] && args.Length == (g.Callable == SafeCallable.RebuildParameter ? 3 : 4)
            ? t with { RequiresGrad = requiresGrad }
            : throw BadArgs(g, args);

    // Protocol 2 pickles bytes as _codecs.encode(str, 'latin1'); each char is one byte.
    static byte[] Encode(AllowedGlobal g, object?[] args)
    {
        if (args is not [string text, "latin1" or "latin-1" or "iso-8859-1"])
            throw BadArgs(g, args);
        var bytes = new byte[text.Length];
        for (int i = 0; i < text.Length; i++)
            bytes[i] = text[i] <= 0xFF ? (byte)text[i] : throw BadArgs(g, args);
        return bytes;
    }

    // numpy.core.multiarray.scalar(dtype, raw bytes): numpy's pickle of a scalar such as np.int64(470000).
    static object NumpyScalar(AllowedGlobal g, object?[] args)
    {
        if (args is not [NumpyDType dtype, byte[] raw])
            throw BadArgs(g, args);
        var code = dtype.Code.TrimStart('<', '>', '=', '|');
        bool bigEndian = dtype.ByteOrder == ">" || dtype.Code.StartsWith('>');
        var data = raw.AsSpan();
        int width = code.Length == 2 && char.IsAsciiDigit(code[1]) ? code[1] - '0' : -1;
        if (width != data.Length)
            return new PickledObject(new PickledGlobal("numpy.core.multiarray", "scalar"), args, null);
        Span<byte> le = stackalloc byte[8];
        data.CopyTo(le);
        if (bigEndian) le[..width].Reverse();
        return code switch
        {
            "b1" => le[0] != 0,
            "i1" => (long)(sbyte)le[0],
            "i2" => (long)BinaryPrimitives.ReadInt16LittleEndian(le),
            "i4" => (long)BinaryPrimitives.ReadInt32LittleEndian(le),
            "i8" => BinaryPrimitives.ReadInt64LittleEndian(le),
            "u1" => (long)le[0],
            "u2" => (long)BinaryPrimitives.ReadUInt16LittleEndian(le),
            "u4" => (long)BinaryPrimitives.ReadUInt32LittleEndian(le),
            "u8" => BinaryPrimitives.ReadUInt64LittleEndian(le) is var u && u <= long.MaxValue ? (long)u : (object)new BigInteger(u),
            "f2" => (double)BinaryPrimitives.ReadHalfLittleEndian(le),
            "f4" => (double)BinaryPrimitives.ReadSingleLittleEndian(le),
            "f8" => BinaryPrimitives.ReadDoubleLittleEndian(le),
            _ => new PickledObject(new PickledGlobal("numpy.core.multiarray", "scalar"), args, null),
        };
    }

    static long[] Longs(AllowedGlobal g, object?[] items) =>
        items.Select(x => x is long v ? v : throw BadArgs(g, items)).ToArray();

    static PickleValueException BadArgs(AllowedGlobal g, object?[] args) =>
        new($"the pickle calls '{g.FullName}' with unexpected arguments ({string.Join(", ", args.Select(Describe))})");

    /// <summary>A short type name for error messages; never walks into containers, which may be cyclic.</summary>
    public static string Describe(object? value) => value switch
    {
        null => "None",
        bool => "bool",
        long or BigInteger => "int",
        double => "float",
        string => "str",
        byte[] => "bytes",
        object?[] t => $"tuple of {t.Length}",
        List<object?> l => $"list of {l.Count}",
        PickleDict d => $"dict of {d.Count}",
        PickleSet => "set",
        PickledTensor => "tensor",
        StorageRef s => $"storage '{s.Key}'",
        PickledGlobal pg => pg.FullName,
        PickledObject o => o.ToString(),
        AllowedGlobal a => a.FullName,
        StorageClass c => c.FullName,
        NumpyDType => "numpy.dtype",
        _ => value.GetType().Name,
    };
}
