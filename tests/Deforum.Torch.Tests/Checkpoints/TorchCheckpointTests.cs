using Deforum.Testing;
using System.Runtime.InteropServices;
using Deforum.Torch.Checkpoints;
using Xunit;

namespace Deforum.Torch.Tests.Checkpoints;

/// <summary>The .ckpt reader on crafted archives: tensor views, storages, protocol variants and error paths.</summary>
public class TorchCheckpointTests
{
    static byte[] FloatBytes(params float[] values) => MemoryMarshal.AsBytes(values.AsSpan()).ToArray();

    // {'global_step': np.int64(470000), 'state_dict': OrderedDict(w: 2x3 view at offset 1, wt: its transpose)}
    static PickleBuilder TwoViews()
    {
        var p = new PickleBuilder().Proto(2).EmptyDict().Mark();
        p.Str("global_step").Global("numpy.core.multiarray", "scalar")
            .Global("numpy", "dtype").Str("i8").Bool(false).Bool(true).Op(0x87).Reduce()
            .Mark().Int(3).Str("<").None().None().None().Int(-1).Int(-1).Int(0).Tuple().Build()
            .Global("_codecs", "encode").Str("\u00f0\u002b\u0007\0\0\0\0\0").Str("latin1").Tuple2().Reduce().Tuple2().Reduce();
        p.Str("state_dict").Global("collections", "OrderedDict").EmptyTuple().Reduce().Mark()
            .Str("w").Tensor("0", "FloatStorage", 7, 1, [2, 3], [3, 1])
            .Str("wt").Tensor("0", "FloatStorage", 7, 1, [3, 2], [1, 3])
            .SetItems();
        return p.SetItems().Stop();
    }

    static readonly byte[] SevenFloats = FloatBytes(0, 1, 2, 3, 4, 5, 6);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reads_views_storages_and_numpy_global_step(bool deflated)
    {
        using var ckpt = new CraftedCheckpoint(TwoViews().ToArray(), new Dictionary<string, byte[]> { ["0"] = SevenFloats }, deflated);
        using var loaded = TorchCheckpoint.Open(ckpt.Path);

        Assert.Equal(470000, loaded.GlobalStep);
        Assert.Equal(["w", "wt"], loaded.StateDict.Keys);
        var w = loaded.StateDict["w"];
        Assert.Equal(("0", DType.Float32, 1L), (w.StorageKey, w.StorageDType, w.StorageOffset));
        Assert.Equal([2L, 3], w.Shape);
        Assert.Equal([3L, 1], w.Strides);
        Assert.True(w.IsContiguous);
        Assert.False(loaded.StateDict["wt"].IsContiguous);
        Assert.Equal(FloatBytes(1, 2, 3, 4, 5, 6), loaded.GetTensorBytes(w).ToArray());

        var storage = Assert.Single(loaded.Storages.Values);
        Assert.Equal((DType.Float32, 7L, deflated), (storage.DType, storage.ElementCount, storage.Compressed));
        Assert.Equal(SevenFloats, loaded.GetStorageBytes("0").ToArray());
        Assert.Equal(SevenFloats, new ReadOnlySpan<byte>((byte[])[.. Enumerable.Range(0, 28).Select(i => Marshal.ReadByte(loaded.GetStoragePointer("0"), i))]).ToArray());
        Assert.Empty(loaded.UnknownGlobals);
    }

    [Fact]
    public void Root_tensor_dict_is_the_state_dict_and_protocol4_opcodes_work()
    {
        // protocol 4 framing, SHORT_BINUNICODE, MEMOIZE and STACK_GLOBAL, with an nn.Parameter around the tensor
        var p = new PickleBuilder().Proto(4).Op(0x95, 0, 0, 0, 0, 0, 0, 0, 0).Op('}').Op(0x94)
            .Op(0x8c, 1, (byte)'b').Op(0x94)
            .Op(0x8c, 5).Op("torch"u8.ToArray()).Op(0x8c, 25).Op("_utils._rebuild_parameter"u8.ToArray()).Op(0x93).Op(0x94)
            .Tensor("k", "HalfStorage", 2, 0, [2], [1]).Bool(true).Global("collections", "OrderedDict").EmptyTuple().Reduce().Op(0x87).Reduce()
            .SetItem().Stop();
        using var ckpt = new CraftedCheckpoint(p.ToArray(), new Dictionary<string, byte[]> { ["k"] = [0, 0x3C, 0, 0x40] });
        using var loaded = TorchCheckpoint.Open(ckpt.Path);

        var t = Assert.Single(loaded.StateDict).Value;
        Assert.True(t.RequiresGrad);
        Assert.Equal(DType.Float16, t.StorageDType);
        Assert.Equal([(Half)1, (Half)2], MemoryMarshal.Cast<byte, Half>(loaded.GetTensorBytes(t)).ToArray());
        Assert.Null(loaded.GlobalStep);
    }

    [Fact]
    public void Protocol0_text_opcodes_decode_like_python()
    {
        var p = "(dp0\nS'a'\np1\nI01\nsS'b'\np2\nL12345678901234567890L\nsS'c'\nF1.5\nsS'd'\nVcaf\\u00e9\nsS'e'\ng1\nsS'f'\nS'it\\'s\\n'\nsS'g'\n(I1\nI-2\nlp3\ns.";
        using var ckpt = new CraftedCheckpoint(System.Text.Encoding.ASCII.GetBytes(p));
        using var loaded = TorchCheckpoint.Open(ckpt.Path);
        var root = Assert.IsType<PickleDict>(loaded.Root);
        Assert.Equal(true, root["a"]);
        Assert.Equal(System.Numerics.BigInteger.Parse("12345678901234567890", System.Globalization.CultureInfo.InvariantCulture), root["b"]);
        Assert.Equal(1.5, root["c"]);
        Assert.Equal("caf\u00e9", root["d"]);
        Assert.Equal("a", root["e"]);
        Assert.Equal("it's\n", root["f"]);
        Assert.Equal([1L, -2L], Assert.IsType<List<object?>>(root["g"]));
        Assert.Empty(loaded.StateDict);
    }

    [Fact]
    public void Same_pass_sha256_equals_a_plain_hash_of_the_file()
    {
        using var ckpt = new CraftedCheckpoint(TwoViews().ToArray(), new Dictionary<string, byte[]> { ["0"] = SevenFloats });
        using var loaded = TorchCheckpoint.Open(ckpt.Path);
        using var sha = loaded.StartSha256();
        foreach (var s in loaded.StoragesInFileOrder())
            sha.HashThrough(s.FileOffset + s.StoredLength);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(ckpt.Path))), sha.Finish());
    }

    [Fact]
    public void Zip64_archive_is_read_in_place()
    {
        var path = Path.Combine(Path.GetTempPath(), $"zip64-{Guid.NewGuid():N}.ckpt");
        try
        {
            Zip64Writer.Write(path, [("big/data.pkl", TwoViews().ToArray()), ("big/data/0", SevenFloats), ("big/version", "3\n"u8.ToArray())]);
            using var loaded = TorchCheckpoint.Open(path);
            Assert.Equal(FloatBytes(1, 2, 3, 4, 5, 6), loaded.GetTensorBytes(loaded.StateDict["w"]).ToArray());
            Assert.False(loaded.Storages["0"].Compressed);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Duplicate_zip_entry_names_are_rejected()
    {
        var path = Path.Combine(Path.GetTempPath(), $"dup-{Guid.NewGuid():N}.ckpt");
        try
        {
            Zip64Writer.Write(path, [("a/data.pkl", TwoViews().ToArray()), ("a/data/0", SevenFloats), ("a/data/0", SevenFloats)]);
            Assert.Contains("two zip entries named 'a/data/0'", OpenFails(path).Message);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Sha256_pass_keeps_the_mapping_alive_after_the_reader_is_disposed()
    {
        using var ckpt = new CraftedCheckpoint(TwoViews().ToArray(), new Dictionary<string, byte[]> { ["0"] = SevenFloats });
        Sha256Pass sha;
        using (var loaded = TorchCheckpoint.Open(ckpt.Path))
            sha = loaded.StartSha256();
        using (sha)
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(ckpt.Path))), sha.Finish());
    }

    [Fact]
    public void Corrupted_pickles_fail_only_with_format_errors()
    {
        var pickle = TwoViews().ToArray();
        var storages = new Dictionary<string, byte[]> { ["0"] = SevenFloats };
        var random = new Random(1234);
        var unexpected = new List<string>();
        for (int i = 0; i < pickle.Length; i++)
        {
            foreach (var corrupt in new[] { pickle[..i], Mutated(pickle, i, (byte)random.Next(256)) })
            {
                using var ckpt = new CraftedCheckpoint(corrupt, storages);
                try { TorchCheckpoint.Open(ckpt.Path).Dispose(); }
                catch (CheckpointFormatException) { }
                catch (Exception e) { unexpected.Add($"byte {i}: {e.GetType().Name}: {e.Message}"); }
            }
        }
        Assert.True(unexpected.Count == 0, string.Join("\n", unexpected.Distinct().Take(20)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Corrupted_zip_headers_fail_only_with_format_errors(bool deflated)
    {
        using var valid = new CraftedCheckpoint(TwoViews().ToArray(), new Dictionary<string, byte[]> { ["0"] = SevenFloats }, deflated);
        var zip = File.ReadAllBytes(valid.Path);
        var random = new Random(99);
        var unexpected = new List<string>();
        var path = Path.Combine(Path.GetTempPath(), $"corrupt-{Guid.NewGuid():N}.ckpt");
        try
        {
            // the first local header and the whole central directory + end records
            foreach (int i in Enumerable.Range(2, 60).Concat(Enumerable.Range(zip.Length - 300, 300)))
            {
                File.WriteAllBytes(path, Mutated(zip, i, (byte)random.Next(256)));
                try { TorchCheckpoint.Open(path).Dispose(); }
                catch (CheckpointFormatException) { }
                catch (Exception e) { unexpected.Add($"byte {i}: {e.GetType().Name}: {e.Message}"); }
            }
        }
        finally { File.Delete(path); }
        Assert.True(unexpected.Count == 0, string.Join("\n", unexpected.Distinct().Take(20)));
    }

    static byte[] Mutated(byte[] bytes, int at, byte value)
    {
        var copy = bytes.ToArray();
        copy[at] = value;
        return copy;
    }

    static CheckpointFormatException OpenFails(string path) =>
        Assert.Throws<CheckpointFormatException>(() => TorchCheckpoint.Open(path).Dispose());

    static CheckpointFormatException OpenFails(byte[] fileBytes)
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, fileBytes);
            return OpenFails(path);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Truncated_zip_is_rejected()
    {
        using var ckpt = new CraftedCheckpoint(TwoViews().ToArray(), new Dictionary<string, byte[]> { ["0"] = SevenFloats });
        var bytes = File.ReadAllBytes(ckpt.Path);
        Assert.Contains("truncated", OpenFails(bytes[..(bytes.Length / 2)]).Message);
        Assert.Contains("truncated", OpenFails(bytes[..^10]).Message);
    }

    [Fact]
    public void Random_bytes_are_rejected()
    {
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        bytes[0] = (byte)'Z';
        Assert.Contains("neither a zip archive nor a pickle", OpenFails(bytes).Message);
        Assert.Contains("truncated", OpenFails([(byte)'P', (byte)'K', .. bytes]).Message);
    }

    [Fact]
    public void Legacy_torch_save_format_is_rejected_with_a_resave_hint()
    {
        // the legacy format opens with PROTO 2 and LONG1 of torch's magic number
        byte[] legacy = [0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19, 0x2e];
        var e = OpenFails(legacy);
        Assert.Contains("legacy (pre-1.6) torch.save format is unsupported", e.Message);
        Assert.Contains("safetensors", e.Message);
    }

    [Fact]
    public void Zip_without_data_pkl_is_rejected()
    {
        var path = Path.GetTempFileName();
        try
        {
            using (var zip = new System.IO.Compression.ZipArchive(File.Create(path), System.IO.Compression.ZipArchiveMode.Create))
                zip.CreateEntry("model/weights.bin");
            Assert.Contains("no <name>/data.pkl", OpenFails(path).Message);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Missing_storage_entry_is_rejected()
    {
        using var ckpt = new CraftedCheckpoint(TwoViews().ToArray());
        Assert.Contains("has no entry 'archive/data/0'", OpenFails(ckpt.Path).Message);
    }

    [Fact]
    public void Storage_entry_smaller_than_its_element_count_is_rejected()
    {
        using var ckpt = new CraftedCheckpoint(TwoViews().ToArray(), new Dictionary<string, byte[]> { ["0"] = FloatBytes(0, 1, 2) });
        Assert.Contains("should hold 7 elements", OpenFails(ckpt.Path).Message);
    }

    [Fact]
    public void Tensor_view_beyond_its_storage_is_rejected()
    {
        var p = new PickleBuilder().Proto(2).EmptyDict().Str("x").Tensor("0", "FloatStorage", 4, 2, [2, 2], [2, 1]).SetItem().Stop();
        using var ckpt = new CraftedCheckpoint(p.ToArray(), new Dictionary<string, byte[]> { ["0"] = FloatBytes(0, 1, 2, 3) });
        Assert.Contains("needs 6 elements", OpenFails(ckpt.Path).Message);
    }

    [Fact]
    public void Empty_view_past_the_storage_end_reads_as_empty()
    {
        var p = new PickleBuilder().Proto(2).EmptyDict().Str("x").Tensor("0", "FloatStorage", 4, 9, [0, 3], [3, 1]).SetItem().Stop();
        using var ckpt = new CraftedCheckpoint(p.ToArray(), new Dictionary<string, byte[]> { ["0"] = FloatBytes(0, 1, 2, 3) });
        using var loaded = TorchCheckpoint.Open(ckpt.Path);
        Assert.True(loaded.StateDict["x"].IsContiguous);
        Assert.Equal(0, loaded.GetTensorBytes(loaded.StateDict["x"]).Length);
    }

    [Fact]
    public void Unsupported_storage_type_is_rejected()
    {
        var p = new PickleBuilder().Proto(2).EmptyDict().Str("x").Tensor("0", "ComplexFloatStorage", 1, 0, [1], [1]).SetItem().Stop();
        using var ckpt = new CraftedCheckpoint(p.ToArray(), new Dictionary<string, byte[]> { ["0"] = new byte[8] });
        Assert.Contains("torch.ComplexFloatStorage, which is not a supported typed storage", OpenFails(ckpt.Path).Message);
    }
}
