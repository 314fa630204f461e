using System.Runtime.InteropServices;
using System.Text.Json;
using Deforum.Testing;
using Deforum.Torch.Checkpoints;
using Xunit;

namespace Deforum.Torch.Tests.Checkpoints;

/// <summary>The golden tiny-sd checkpoints (manifest.json → models.sd1): the .ckpt reader agrees with the safetensors one.</summary>
public class GoldenCheckpointTests
{
    const string Fp32Ckpt = "tiny-sd.ckpt";
    const string Fp16Ckpt = "tiny-sd-fp16.ckpt";
    const string Safetensors = "tiny-sd.safetensors";

    static JsonElement Sd1 => Golden.Manifest().Root.GetProperty("models").GetProperty("sd1");

    static JsonElement Facts(string file) => Sd1.GetProperty("checkpoints").GetProperty(file);

    static string PathOf(string file)
    {
        var path = Path.Combine(Golden.Manifest().Directory, file);
        Golden.RequireData(File.Exists(path), $"golden checkpoint {path} is missing");
        return path;
    }

    static long[] RowMajorStrides(long[] shape)
    {
        var strides = new long[shape.Length];
        long s = 1;
        for (int i = shape.Length - 1; i >= 0; i--) { strides[i] = s; s *= shape[i]; }
        return strides;
    }

    static void AssertSameLayout(SafetensorsFile reference, TorchCheckpoint ckpt)
    {
        Assert.Equal(reference.Entries.Count, ckpt.StateDict.Count);
        Assert.Equal(reference.Entries.Keys.Order(StringComparer.Ordinal), ckpt.StateDict.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, t) in ckpt.StateDict)
        {
            Assert.Equal(reference.Entries[name].Shape, t.Shape);
            Assert.True(t.IsContiguous, $"{name} is not contiguous");
            Assert.Equal(RowMajorStrides(t.Shape), t.Strides);
        }
    }

    [SkippableFact]
    public void Fp32_ckpt_matches_safetensors_bit_for_bit()
    {
        using var reference = SafetensorsFile.Open(PathOf(Safetensors));
        using var ckpt = TorchCheckpoint.Open(PathOf(Fp32Ckpt));
        AssertSameLayout(reference, ckpt);
        foreach (var (name, t) in ckpt.StateDict)
        {
            Assert.Equal(reference.Entries[name].DType, t.StorageDType);
            Assert.True(reference.GetBytes(name).SequenceEqual(ckpt.GetTensorBytes(t)), $"{name}: bytes differ");
        }
        Assert.Equal(Facts(Fp32Ckpt).GetProperty("tensors").GetInt32(), ckpt.StateDict.Count);
    }

    [SkippableFact]
    public void Fp16_ckpt_matches_safetensors_rounded_to_half()
    {
        using var reference = SafetensorsFile.Open(PathOf(Safetensors));
        using var ckpt = TorchCheckpoint.Open(PathOf(Fp16Ckpt));
        AssertSameLayout(reference, ckpt);
        foreach (var (name, t) in ckpt.StateDict)
        {
            var refDType = reference.Entries[name].DType;
            if (refDType != DType.Float32)
            {
                Assert.Equal(refDType, t.StorageDType);
                Assert.True(reference.GetBytes(name).SequenceEqual(ckpt.GetTensorBytes(t)), $"{name}: bytes differ");
                continue;
            }
            Assert.Equal(DType.Float16, t.StorageDType);
            var expected = reference.Read<float>(name).Select(f => BitConverter.HalfToUInt16Bits((Half)f)).ToArray();
            var got = MemoryMarshal.Cast<byte, ushort>(ckpt.GetTensorBytes(t)).ToArray();
            Assert.True(expected.AsSpan().SequenceEqual(got), $"{name}: fp16 values differ from (Half) of the fp32 reference");
        }
    }

    [SkippableTheory]
    [InlineData(Fp32Ckpt)]
    [InlineData(Fp16Ckpt)]
    public void Ckpt_sha256_computed_in_the_loading_pass_matches_manifest(string file)
    {
        using var ckpt = TorchCheckpoint.Open(PathOf(file));
        using var sha = ckpt.StartSha256();
        long bytes = 0;
        foreach (var s in ckpt.StoragesInFileOrder())
        {
            bytes += ckpt.GetStorageBytes(s.Key).Length; // stands in for creating the tensor from these bytes
            sha.HashThrough(s.FileOffset + s.StoredLength);
        }
        Assert.True(bytes > 0);
        Assert.Equal(Facts(file).GetProperty("bytes").GetInt64(), sha.Length);
        Assert.Equal(Facts(file).GetProperty("sha256").GetString(), sha.Finish());
    }

    [SkippableFact]
    public void Safetensors_sha256_computed_in_the_loading_pass_matches_manifest()
    {
        using var st = SafetensorsFile.Open(PathOf(Safetensors));
        using var sha = st.StartSha256();
        long previous = -1;
        foreach (var e in st.EntriesInFileOrder())
        {
            Assert.True(e.Begin > previous);
            previous = e.Begin;
            sha.HashThrough(st.DataStart + e.End);
        }
        Assert.Equal(Facts(Safetensors).GetProperty("sha256").GetString(), sha.Finish());
    }

    [SkippableTheory]
    [InlineData(Fp32Ckpt)]
    [InlineData(Fp16Ckpt)]
    public void Top_level_object_and_lightning_placeholders_match_manifest(string file)
    {
        using var ckpt = TorchCheckpoint.Open(PathOf(file));
        var facts = Facts(file);
        var root = Assert.IsType<PickleDict>(ckpt.Root);
        Assert.Equal(facts.GetProperty("top_level_keys").EnumerateArray().Select(k => k.GetString()), root.Keys.Cast<string>());
        Assert.Equal(Sd1.GetProperty("global_step").GetInt64(), ckpt.GlobalStep);

        // manifest entries read "module.Class (how it appears)"
        var unknown = facts.GetProperty("unknown_classes_in_pickle").EnumerateArray().Select(u => u.GetString()!.Split(' ')[0]).ToList();
        Assert.Equal(unknown, ckpt.UnknownGlobals);
        var callbackKey = Assert.IsType<PickledGlobal>(Assert.Single(((PickleDict)root["callbacks"]!).Keys));
        Assert.Equal(unknown[0], callbackKey.FullName);
        var callback = Assert.IsType<PickledObject>(root["callback_object"]);
        Assert.Equal(unknown[0], callback.Type.FullName);
        Assert.IsType<PickleDict>(callback.State);

        Assert.True(((PickleDict)root["state_dict"]!).Attributes.ContainsKey("_metadata"));
    }
}
