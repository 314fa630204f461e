using System.Text.Json;
using Deforum.Models.AdaBins;
using Deforum.Testing;
using Deforum.Torch;
using Deforum.Torch.Checkpoints;

namespace Deforum.Tests.Models.AdaBins;

/// <summary>The depth manifest's AdaBins models and case tensors (a case names its model in "model").</summary>
internal static class AdaBinsGolden
{
    public static JsonElement ModelEntry(string id) =>
        Golden.DepthManifest().Root.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("id").GetString() == id);

    public static string CheckpointFile(string id) =>
        Path.Combine(RepoPaths.GoldenDepthDir, ModelEntry(id).GetProperty("files").GetProperty("pt").GetProperty("file").GetString()!);

    public static string ModelOf(GoldenCase c) => c.Raw.GetProperty("model").GetString()!;

    public static UnetAdaptiveBins Load(GoldenCase c) => UnetAdaptiveBins.Load(CheckpointFile(ModelOf(c)), TestDevice.Current);

    /// <summary>The first AdaBins model the manifest lists (for load tests that need any real checkpoint).</summary>
    public static string AnyCheckpoint()
    {
        var first = Golden.DepthManifest().Cases.First(c => c.Kind.StartsWith("adabins_", StringComparison.Ordinal));
        return CheckpointFile(ModelOf(first));
    }

    /// <summary>Compares a host-side output (e.g. the bin centres) with its stored value under the case's tolerance for it.</summary>
    public static void AssertOutput(GoldenCase c, SafetensorsFile file, string name, float[] got)
    {
        var expected = c.Outputs[name];
        Xunit.Assert.Equal(expected.Shape, new[] { got.LongLength });
        Golden.AssertClose(got, file.Read<float>(expected.Tensor), c.ToleranceFor(name), $"{c.Id} {name}");
    }
}
