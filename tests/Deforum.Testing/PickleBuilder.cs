using System.Buffers.Binary;
using System.Text;

namespace Deforum.Testing;

/// <summary>Assembles pickle bytes opcode by opcode, so tests can craft exactly the stream they need.</summary>
public sealed class PickleBuilder
{
    readonly List<byte> _bytes = [];

    public PickleBuilder Op(params byte[] bytes) { _bytes.AddRange(bytes); return this; }
    public PickleBuilder Op(char op, params byte[] operands) => Op((byte)op).Op(operands);
    public PickleBuilder Text(string line) => Op(Encoding.UTF8.GetBytes(line + "\n"));

    public PickleBuilder Proto(byte version) => Op(0x80, version);
    public PickleBuilder Stop() => Op('.');
    public PickleBuilder Mark() => Op('(');
    public PickleBuilder None() => Op('N');
    public PickleBuilder Bool(bool value) => Op(value ? (byte)0x88 : (byte)0x89);
    public PickleBuilder Global(string module, string name) => Op('c').Text(module).Text(name);
    public PickleBuilder Reduce() => Op('R');
    public PickleBuilder Build() => Op('b');
    public PickleBuilder NewObj() => Op(0x81);
    public PickleBuilder EmptyTuple() => Op(')');
    public PickleBuilder Tuple() => Op('t');
    public PickleBuilder Tuple1() => Op(0x85);
    public PickleBuilder Tuple2() => Op(0x86);
    public PickleBuilder EmptyDict() => Op('}');
    public PickleBuilder EmptyList() => Op(']');
    public PickleBuilder SetItem() => Op('s');
    public PickleBuilder SetItems() => Op('u');
    public PickleBuilder Appends() => Op('e');
    public PickleBuilder BinPersId() => Op('Q');
    public PickleBuilder Put(byte index) => Op('q', index);
    public PickleBuilder Get(byte index) => Op('h', index);

    public PickleBuilder Str(string value)
    {
        var utf8 = Encoding.UTF8.GetBytes(value);
        Op('X').Op(LittleEndian((uint)utf8.Length));
        return Op(utf8);
    }

    public PickleBuilder Int(int value) => Op('J').Op(LittleEndian((uint)value));

    public PickleBuilder Ints(params long[] values)
    {
        Mark();
        foreach (var v in values) Int(checked((int)v));
        return Tuple();
    }

    /// <summary>torch._utils._rebuild_tensor_v2(storage pid, offset, shape, strides, False, OrderedDict()), as torch.save writes it.</summary>
    public PickleBuilder Tensor(string key, string storageType, long numel, long offset, long[] shape, long[] strides)
    {
        Global("torch._utils", "_rebuild_tensor_v2").Mark();
        Mark().Str("storage").Global("torch", storageType).Str(key).Str("cpu").Int(checked((int)numel)).Tuple().BinPersId();
        Int(checked((int)offset)).Ints(shape).Ints(strides).Bool(false);
        Global("collections", "OrderedDict").EmptyTuple().Reduce();
        return Tuple().Reduce();
    }

    public byte[] ToArray() => [.. _bytes];

    static byte[] LittleEndian(uint value)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, value);
        return b;
    }
}
