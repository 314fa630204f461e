using System.Text.Json;
using Deforum.Models.Config;
using Deforum.Testing;
using Deforum.Torch;
using Deforum.Torch.Checkpoints;

namespace Deforum.Tests.Models;

/// <summary>The golden manifest's tiny models: a case names one in params.model (sd1 when absent).</summary>
internal static class GoldenModels
{
    const string DefaultModel = "sd1";

    /// <summary>Where a manifest model entry lists its files.</summary>
    static readonly string[] FileLists = ["checkpoints", "weights"];

    public static string ModelOf(GoldenCase c) =>
        c.Params.ValueKind == JsonValueKind.Object && c.Params.TryGetProperty("model", out var m) ? m.GetString()! : DefaultModel;

    public static ModelConfig Config(string model) => ModelConfig.Load(Path.Combine(RepoPaths.GoldenDir, Entry(model).GetProperty("config").GetString()!));

    /// <summary>The model's .safetensors weights loaded as float32 on the test device.</summary>
    public static CheckpointTensors Weights(string model) => Checkpoint.Load(WeightsFile(model), TestDevice.Current, DType.Float32);

    /// <summary>The model's .safetensors file (listed under "checkpoints" or "weights").</summary>
    public static string WeightsFile(string model)
    {
        var entry = Entry(model);
        var file = FileLists
            .Where(p => entry.TryGetProperty(p, out _))
            .SelectMany(p => entry.GetProperty(p).EnumerateObject().Select(f => f.Name))
            .First(n => n.EndsWith(".safetensors", StringComparison.Ordinal));
        return Path.Combine(RepoPaths.GoldenDir, file);
    }

    static JsonElement Entry(string model) => Golden.Manifest().Root.GetProperty("models").GetProperty(model);

    public static Tensor Input(GoldenCase c, SafetensorsFile file, string role)
    {
        var t = c.Inputs[role];
        return t.DType switch
        {
            "I64" => Tensor.From<long>(file.Read<long>(t.Tensor), t.Shape, TestDevice.Current),
            "U8" => Tensor.From<byte>(file.Read<byte>(t.Tensor), t.Shape, TestDevice.Current),
            _ => Tensor.From<float>(file.Read<float>(t.Tensor), t.Shape, TestDevice.Current),
        };
    }

    public static void AssertOutput(GoldenCase c, SafetensorsFile file, string role, Tensor got)
    {
        var expected = c.Outputs[role];
        Xunit.Assert.Equal(expected.Shape, got.Shape);
        Golden.AssertClose(got.To(Device.Cpu, DType.Float32).ToArray<float>(), file.Read<float>(expected.Tensor), c.ToleranceFor(role), $"{c.Id} {role}");
    }
}
