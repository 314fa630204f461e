using System.Text.Json;
using Deforum.Testing;

namespace Deforum.Tests.Models.Depth;

/// <summary>The tiny models of the depth golden set (tests/golden/depth/manifest.json "models"), by the id a case names.</summary>
internal static class DepthGoldenModels
{
    public static string ModelOf(GoldenCase c) => c.Raw.GetProperty("model").GetString()!;

    /// <summary>The model's entry in the manifest (files, config, key table).</summary>
    public static JsonElement Entry(string model) =>
        Golden.DepthManifest().Root.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("id").GetString() == model);

    /// <summary>The model's torch.save checkpoint, as the real one is stored.</summary>
    public static string CheckpointFile(string model) =>
        Path.Combine(Golden.DepthManifest().Directory, Entry(model).GetProperty("files").GetProperty("pth").GetProperty("file").GetString()!);
}
