using Deforum.Testing;
using Deforum.Torch.Checkpoints;
using Xunit;

namespace Deforum.Torch.Tests.Checkpoints;

/// <summary>
/// Crafted checkpoints whose pickles would run a command under Python's unpickler. Each payload tries to
/// create a marker file; loading must fail with a clear error and the marker must never appear.
/// </summary>
public sealed class MaliciousPickleTests : IDisposable
{
    readonly string _marker = Path.Combine(Path.GetTempPath(), $"deforum-pwned-{Guid.NewGuid():N}");

    string Touch => $"touch {_marker}";

    public void Dispose() => File.Delete(_marker);

    void AssertRefused(PickleBuilder pickle, string global)
    {
        using var ckpt = new CraftedCheckpoint(pickle.ToArray());
        var e = Assert.Throws<CheckpointFormatException>(() => TorchCheckpoint.Open(ckpt.Path).Dispose());
        Assert.Contains($"'{global}'", e.Message);
        Assert.Contains("could execute code", e.Message);
        Assert.Contains("malicious", e.Message);
        Assert.False(File.Exists(_marker), "the payload ran");
    }

    [Fact]
    public void Os_system_via_reduce_is_refused() =>
        AssertRefused(new PickleBuilder().Proto(2).Global("os", "system").Str(Touch).Tuple1().Reduce().Stop(), "os.system");

    [Fact]
    public void Builtins_eval_is_refused() =>
        AssertRefused(new PickleBuilder().Proto(2).Global("builtins", "eval")
            .Str($"__import__('os').system('{Touch}')").Tuple1().Reduce().Stop(), "builtins.eval");

    [Fact]
    public void Python2_builtin_exec_is_refused() =>
        AssertRefused(new PickleBuilder().Global("__builtin__", "exec").Str($"import os; os.system('{Touch}')").Tuple1().Reduce().Stop(),
            "__builtin__.exec");

    [Fact]
    public void Subprocess_popen_via_reduce_is_refused() =>
        AssertRefused(new PickleBuilder().Proto(2).Global("subprocess", "Popen")
            .EmptyList().Mark().Str("touch").Str(_marker).Appends().Tuple1().Reduce().Stop(), "subprocess.Popen");

    [Fact]
    public void Stack_global_posix_system_is_refused() =>
        AssertRefused(new PickleBuilder().Proto(4).Str("posix").Str("system").Op(0x93).Str(Touch).Tuple1().Reduce().Stop(), "posix.system");

    [Fact]
    public void Build_setstate_trick_is_refused()
    {
        // obj.__dict__['__setstate__'] = nt.system, then BUILD(cmd) would call it under Python
        var p = new PickleBuilder().Proto(2).Global("somepkg", "Harmless").EmptyTuple().NewObj()
            .None().EmptyDict().Str("__setstate__").Global("nt", "system").SetItem().Tuple2().Build()
            .Str(Touch).Build().Stop();
        AssertRefused(p, "nt.system");
    }

    [Fact]
    public void Reduce_nested_in_a_state_dict_value_is_refused()
    {
        var p = new PickleBuilder().Proto(2).EmptyDict().Str("state_dict").EmptyDict()
            .Str("model.weight").Global("subprocess", "check_output").EmptyList().Mark().Str("touch").Str(_marker).Appends().Tuple1().Reduce()
            .SetItem().SetItem().Stop();
        AssertRefused(p, "subprocess.check_output");
    }

    [Fact]
    public void Inst_opcode_to_os_system_is_refused() =>
        AssertRefused(new PickleBuilder().Mark().Str(Touch).Op('i').Text("os").Text("system").Stop(), "os.system");

    [Fact]
    public void Obj_opcode_to_posix_system_is_refused() =>
        AssertRefused(new PickleBuilder().Proto(1).Mark().Global("posix", "system").Str(Touch).Op('o').Stop(), "posix.system");

    [Fact]
    public void Getattr_chain_is_refused()
    {
        // getattr(__import__('os'), 'system')(cmd)
        var p = new PickleBuilder().Proto(2).Global("builtins", "getattr")
            .Global("builtins", "__import__").Str("os").Tuple1().Reduce().Str("system").Tuple2().Reduce()
            .Str(Touch).Tuple1().Reduce().Stop();
        AssertRefused(p, "builtins.getattr");
    }

    [Fact]
    public void Protocol4_attribute_chain_through_a_dunder_is_refused() =>
        AssertRefused(new PickleBuilder().Proto(4).Str("collections").Str("OrderedDict.__init__.__globals__").Op(0x93).Stop(),
            "collections.OrderedDict.__init__.__globals__");

    [Fact]
    public void Protocol4_attribute_chain_through_an_imported_module_is_refused() =>
        AssertRefused(new PickleBuilder().Proto(4).Str("somepkg").Str("os.system").Op(0x93).Str(Touch).Tuple1().Reduce().Stop(),
            "somepkg.os.system");

    [Fact]
    public void Denied_global_is_refused_even_when_never_called() =>
        AssertRefused(new PickleBuilder().Proto(2).Global("runpy", "run_path").Op('0').None().Stop(), "runpy.run_path");

    [Fact]
    public void Huge_string_length_claim_is_rejected_without_allocating()
    {
        var p = new PickleBuilder().Proto(2).Op('X', 0xF0, 0xFF, 0xFF, 0xFF).Op("abc"u8.ToArray()).Stop();
        using var ckpt = new CraftedCheckpoint(p.ToArray());
        var e = Assert.Throws<CheckpointFormatException>(() => TorchCheckpoint.Open(ckpt.Path).Dispose());
        Assert.Contains("forged", e.Message);
    }

    [Fact]
    public void Huge_long_length_claim_is_rejected_without_allocating()
    {
        var p = new PickleBuilder().Proto(2).Op(0x8b, 0xFF, 0xFF, 0xFF, 0x7F).Op(1, 2, 3).Stop();
        using var ckpt = new CraftedCheckpoint(p.ToArray());
        var e = Assert.Throws<CheckpointFormatException>(() => TorchCheckpoint.Open(ckpt.Path).Dispose());
        Assert.Contains("forged", e.Message);
    }

    [Fact]
    public void Stack_bomb_is_rejected()
    {
        var dups = Enumerable.Repeat((byte)'2', (1 << 20) + 1).ToArray();
        using var ckpt = new CraftedCheckpoint(new PickleBuilder().Proto(2).None().Op(dups).Stop().ToArray());
        var e = Assert.Throws<CheckpointFormatException>(() => TorchCheckpoint.Open(ckpt.Path).Dispose());
        Assert.Contains("memory bomb", e.Message);
    }

    [Fact]
    public void Memo_read_of_a_forged_index_is_rejected()
    {
        var p = new PickleBuilder().Proto(2).None().Op('r', 0xFF, 0xFF, 0xFF, 0xFF).Op('j', 0xFE, 0xFF, 0xFF, 0xFF).Stop();
        using var ckpt = new CraftedCheckpoint(p.ToArray());
        var e = Assert.Throws<CheckpointFormatException>(() => TorchCheckpoint.Open(ckpt.Path).Dispose());
        Assert.Contains("memo entry 4294967294", e.Message);
    }

    [Fact]
    public void Unknown_harmless_class_becomes_an_inert_placeholder()
    {
        // somepkg.Callback(cmd) with BUILD state: recorded as data, nothing imported or called
        var p = new PickleBuilder().Proto(2).EmptyDict().Str("cb").Global("somepkg.callbacks", "Callback").Str(Touch).Tuple1().Reduce()
            .EmptyDict().Str("monitor").Str("loss").SetItem().Build().SetItem().Stop();
        using var ckpt = new CraftedCheckpoint(p.ToArray());
        using var loaded = TorchCheckpoint.Open(ckpt.Path);
        Assert.Equal(["somepkg.callbacks.Callback"], loaded.UnknownGlobals);
        var cb = Assert.IsType<PickledObject>(((PickleDict)loaded.Root!)["cb"]);
        Assert.Equal("somepkg.callbacks.Callback", cb.Type.FullName);
        Assert.Equal([Touch], cb.Args);
        Assert.Equal("loss", ((PickleDict)cb.State!)["monitor"]);
        Assert.False(File.Exists(_marker));
    }
}
