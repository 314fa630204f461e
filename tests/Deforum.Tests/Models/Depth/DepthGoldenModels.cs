using Deforum.Testing;

namespace Deforum.Tests.Models.Depth;

/// <summary>The tiny models of the depth golden set (tests/golden/depth/manifest.json "models"), by the id a case names.</summary>
internal static class DepthGoldenModels
{
    public static string ModelOf(GoldenCase c) => c.Raw.GetProperty("model").GetString()!;

    /// <summary>The model's torch.save checkpoint, as the real one is stored.</summary>
    public static string CheckpointFile(string model)
    {
        var manifest = Golden.DepthManifest();
        var entry = manifest.Root.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("id").GetString() == model);
        return Path.Combine(manifest.Directory, entry.GetProperty("files").GetProperty("pth").GetProperty("file").GetString()!);
    }
}
