using Deforum.Testing;
using Deforum.Torch.Checkpoints;
using Xunit;

namespace Deforum.Torch.Tests.Checkpoints;

public class SafetensorsFileTests
{
    [SkippableFact]
    public void Rng_golden_file_header_matches_manifest()
    {
        var manifest = Golden.Manifest();
        foreach (var c in manifest.Cases.Where(c => c.Kind == "rng_facts"))
        {
            using var f = c.Open();
            foreach (var (_, t) in c.Outputs)
            {
                var e = f.Entries[t.Tensor];
                Assert.Equal(t.Shape, e.Shape);
                Assert.Equal(t.DType, e.DType.SafetensorsName());
            }
        }
    }

    [Fact]
    public void Written_tensors_and_metadata_read_back_bit_for_bit()
    {
        var path = Path.GetTempFileName();
        try
        {
            using var scope = DisposeScope.Begin();
            using var random = new Generator(3);
            var f32 = Tensor.Randn([2, 3, 5], random);
            var f16 = Tensor.Randn([7], random).To(DType.Float16);
            var u8 = Tensor.From<byte>([1, 2, 255], 3);
            var empty = Tensor.Zeros([0, 4]);
            using (var stream = File.Create(path))
                SafetensorsWriter.Write(stream, [("a", f32), ("b", f16), ("c", u8), ("d", empty)], new Dictionary<string, string> { ["version"] = "1", ["note"] = "é" });

            using var file = SafetensorsFile.Open(path);

            Assert.Equal(0, (8 + (int)BitConverter.ToUInt64(File.ReadAllBytes(path), 0)) % 8);
            Assert.Equal(new Dictionary<string, string> { ["version"] = "1", ["note"] = "é" }, file.Metadata);
            Assert.Equal(DType.Float16, file.Entries["b"].DType);
            Assert.Equal([2, 3, 5], file.Entries["a"].Shape);
            Assert.Equal(f32.ToBytes(), file.GetBytes("a").ToArray());
            Assert.Equal(f16.ToBytes(), file.GetBytes("b").ToArray());
            Assert.Equal(u8.ToBytes(), file.GetBytes("c").ToArray());
            Assert.Empty(file.GetBytes("d").ToArray());
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void A_float_dtype_converts_only_the_floating_point_tensors()
    {
        var path = Path.GetTempFileName();
        try
        {
            using var scope = DisposeScope.Begin();
            var f32 = Tensor.From<float>([0.5f, -2f, 3.25f], 3);
            var i64 = Tensor.From<long>([7, 8], 2);
            SafetensorsWriter.Write(path, [("f", f32), ("i", i64)], floatDType: DType.Float16);

            using var file = SafetensorsFile.Open(path);

            Assert.Equal((DType.Float16, DType.Int64), (file.Entries["f"].DType, file.Entries["i"].DType));
            Assert.Equal(f32.To(DType.Float16).ToBytes(), file.GetBytes("f").ToArray());
            Assert.Equal([7L, 8], file.Read<long>("i"));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void The_metadata_name_cannot_be_a_tensor()
    {
        using var scope = DisposeScope.Begin();
        var e = Assert.Throws<ArgumentException>(() => SafetensorsWriter.Write(Stream.Null, [("__metadata__", Tensor.Zeros([1]))]));
        Assert.Contains("reserved", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_file_is_rejected_with_clear_message()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, [0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0, (byte)'{']);
            var e = Assert.Throws<CheckpointFormatException>(() => SafetensorsFile.Open(path));
            Assert.Contains("truncated", e.Message);
        }
        finally { File.Delete(path); }
    }
}
