using System.Text.Json;
using Deforum.Models.DepthAnything;
using Deforum.Testing;
using Deforum.Torch;

namespace Deforum.Tests.Models.DepthAnything;

/// <summary>The tiny Depth-Anything-V2 models of the golden set: files and the backbone facts the manifest declares.</summary>
internal static class DepthAnythingGoldenModels
{
    public static JsonElement Entry(string id) =>
        Golden.DepthAnythingManifest().Root.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("id").GetString() == id);

    /// <summary>Theory rows, one per model; a placeholder row when the data is missing (see <see cref="Require"/>).</summary>
    public static IEnumerable<object[]> Rows() =>
        GoldenManifest.Exists(RepoPaths.GoldenDepthAnythingDir) ? Ids().Select(id => new object[] { id }).ToList() : [[Golden.Missing]];

    /// <summary>Skips (fails under CI) the placeholder row of a missing data set.</summary>
    public static void Require(string id) => Golden.RequireData(id != Golden.Missing, $"golden data not found at {RepoPaths.GoldenDepthAnythingDir}");

    public static IEnumerable<string> Ids() =>
        Golden.DepthAnythingManifest().Root.GetProperty("models").EnumerateArray().Select(m => m.GetProperty("id").GetString()!);

    /// <summary>The model's file in <paramref name="format"/> ("pth" or "safetensors").</summary>
    public static string File(string id, string format) =>
        Path.Combine(RepoPaths.GoldenDepthAnythingDir, Entry(id).GetProperty("files").GetProperty(format).GetProperty("file").GetString()!);

    /// <summary>num_heads and intermediate_layer_idx from the manifest's config: what a state dict does not tell.</summary>
    public static DinoLayout Layout(string id)
    {
        var config = Entry(id).GetProperty("config");
        return new DinoLayout(config.GetProperty("DinoVisionTransformer").GetProperty("num_heads").GetInt32(),
            [.. config.GetProperty("intermediate_layer_idx").EnumerateArray().Select(i => i.GetInt32())]);
    }

    public static DepthAnythingV2 Load(string id, string format = "safetensors") =>
        DepthAnythingV2.Load(File(id, format), TestDevice.Current, DType.Float32, Layout(id));

    /// <summary>One loaded model per id for the test run (they are read-only and a few hundred kB).</summary>
    public static DepthAnythingV2 Shared(string id)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(id, out var model)) Cache[id] = model = Load(id);
            return model;
        }
    }

    static readonly Dictionary<string, DepthAnythingV2> Cache = new(StringComparer.Ordinal);
}
