using System.Text.Json;
using Deforum.Testing;
using Deforum.Torch.Checkpoints;
using Xunit;

namespace Deforum.Torch.Tests.Checkpoints;

/// <summary>Checkpoint.Load: files → tensors on a device, for both formats, with the same-pass sha256.</summary>
public class CheckpointLoadTests
{
    static readonly Device Dev = TestDevice.Current;

    static IEnumerable<(string File, string Sha256)> GoldenCheckpoints()
    {
        var models = Golden.Manifest().Root.GetProperty("models").GetProperty("sd1").GetProperty("checkpoints");
        return models.EnumerateObject().Select(p => (p.Name, p.Value.GetProperty("sha256").GetString()!));
    }

    [SkippableFact, Trait("Category", "Parity")]
    public void Golden_checkpoints_load_to_identical_tensors_and_their_manifest_sha256()
    {
        using var scope = DisposeScope.Begin();
        var loaded = new List<CheckpointTensors>();
        try
        {
            foreach (var (file, sha) in GoldenCheckpoints())
            {
                var c = Checkpoint.Load(Path.Combine(RepoPaths.GoldenDir, file), Dev, computeSha256: true);
                loaded.Add(c);
                Assert.Equal(sha, c.Sha256);
            }
            Assert.True(loaded.Count >= 3, "the manifest lists the fp32 ckpt, the fp16 ckpt and the safetensors");
            var reference = loaded.Single(c => c.Path.EndsWith(".safetensors", StringComparison.Ordinal));
            foreach (var c in loaded)
            {
                Assert.Equal(reference.Keys.Order(StringComparer.Ordinal), c.Keys.Order(StringComparer.Ordinal));
                foreach (var (key, want) in reference)
                {
                    var got = c[key];
                    Assert.Equal(want.Shape, got.Shape);
                    bool half = got.DType == DType.Float16;
                    Assert.Equal(half ? DType.Float32 : want.DType, half ? DType.Float32 : got.DType);
                    // the fp16 file holds the fp32 values rounded to half: compare after the same rounding
                    using var expected = half ? want.To(DType.Float16) : want.Clone();
                    Assert.True(expected.Eq(got).All().Item() == 1, $"{Path.GetFileName(c.Path)}: '{key}' differs");
                }
                Assert.True(c.UnknownClasses.Count > 0 || c.Path.EndsWith(".safetensors", StringComparison.Ordinal));
            }
        }
        finally
        {
            foreach (var c in loaded) c.Dispose();
        }
    }

    [SkippableFact]
    public void Load_converts_floating_tensors_only_and_take_strips_prefixes()
    {
        var path = Path.Combine(RepoPaths.GoldenDir, "tiny-sd.ckpt");
        Golden.RequireData(File.Exists(path), $"{path} missing");
        using var c = Checkpoint.Load(path, Dev, DType.Float16);
        Assert.Null(c.Sha256);
        Assert.All(c.Values, t => Assert.True(t.DType is DType.Float16 or DType.Int64, t.ToString()));
        var unet = c.Take("model.diffusion_model.");
        try
        {
            Assert.NotEmpty(unet);
            Assert.DoesNotContain(c.Keys, k => k.StartsWith("model.diffusion_model.", StringComparison.Ordinal));
            Assert.All(unet.Keys, k => Assert.False(k.StartsWith("model.", StringComparison.Ordinal)));
        }
        finally
        {
            foreach (var t in unet.Values) t.Dispose();
        }
    }

    [Fact]
    public void Strided_views_read_through_their_strides()
    {
        // a transposed [3, 2] view of a 6-element storage, and a 2-element slice at offset 4
        var storage = new float[] { 0, 1, 2, 3, 4, 5 }.SelectMany(BitConverter.GetBytes).ToArray();
        var pickle = new PickleBuilder().Proto(2).Global("collections", "OrderedDict").EmptyTuple().Reduce()
            .Mark()
            .Str("t").Tensor("0", "FloatStorage", 6, 0, [3, 2], [1, 3])
            .Str("s").Tensor("0", "FloatStorage", 6, 4, [2], [1])
            .SetItems().Stop().ToArray();
        using var file = new CraftedCheckpoint(pickle, new Dictionary<string, byte[]> { ["0"] = storage });
        using var c = Checkpoint.Load(file.Path, Dev);
        Assert.Equal([0f, 3, 1, 4, 2, 5], c["t"].ToArray<float>());
        Assert.Equal([4f, 5], c["s"].ToArray<float>());
    }

    [Fact]
    public void View_past_the_end_of_its_storage_is_rejected_not_read()
    {
        var storage = new byte[4 * 4];
        var pickle = new PickleBuilder().Proto(2).EmptyDict()
            .Str("w").Tensor("0", "FloatStorage", 4, 2, [3], [1])
            .SetItem().Stop().ToArray();
        using var file = new CraftedCheckpoint(pickle, new Dictionary<string, byte[]> { ["0"] = storage });
        var e = Assert.Throws<CheckpointFormatException>(() => Checkpoint.Load(file.Path));
        Assert.Contains("but the storage holds 4", e.Message);
    }

    [Fact]
    public void Unknown_format_missing_file_and_legacy_pickle_have_clear_errors()
    {
        var tmp = Path.GetTempFileName();
        try
        {
            File.WriteAllText(tmp, "<html>404 not found</html>");
            Assert.Contains("HTML error page", Assert.Throws<CheckpointFormatException>(() => Checkpoint.Load(tmp)).Message);
            File.WriteAllBytes(tmp, [0x80, 0x02, 0x8a, 0x0a]);
            Assert.Contains("legacy", Assert.Throws<CheckpointFormatException>(() => Checkpoint.Load(tmp)).Message);
        }
        finally
        {
            File.Delete(tmp);
        }
        Assert.Throws<FileNotFoundException>(() => Checkpoint.Load("/nonexistent/model.ckpt"));
    }
}
