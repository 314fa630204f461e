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
