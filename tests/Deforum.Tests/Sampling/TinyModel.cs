using System.Collections.Concurrent;
using Deforum.Models.Config;
using Deforum.Models.Unet;
using Deforum.Sampling;
using Deforum.Testing;
using Deforum.Torch.Checkpoints;

namespace Deforum.Tests.Sampling;

/// <summary>
/// The golden tiny UNet of a manifest model key ("sd1": tiny-sd.safetensors; "sd2_v": tiny-sd2-v-unet.safetensors),
/// loaded once per test run from the config and weights the manifest names.
/// </summary>
internal static class TinyModel
{
    public const string SkipReason = "the golden tiny model files are missing";

    static readonly ConcurrentDictionary<string, Lazy<IDiffusionModel?>> Models = new();

    /// <param name="modelKey">The manifest's model key: "sd1" (default) or "sd2_v".</param>
    public static IDiffusionModel? TryLoad(string modelKey) => Models.GetOrAdd(modelKey, k => new Lazy<IDiffusionModel?>(() => Load(k))).Value;

    static UnetDiffusionModel? Load(string modelKey)
    {
        var manifest = Golden.Manifest();
        var model = manifest.Root.GetProperty("models").GetProperty(modelKey);
        var weights = model.TryGetProperty("checkpoints", out var ckpts) ? ckpts : model.GetProperty("weights");
        var file = weights.EnumerateObject().Select(p => p.Name).First(n => n.EndsWith(".safetensors", StringComparison.Ordinal));
        var weightsPath = Path.Combine(manifest.Directory, file);
        var configPath = Path.Combine(manifest.Directory, model.GetProperty("config").GetString()!);
        if (!File.Exists(weightsPath) || !File.Exists(configPath)) return null;
        var config = ModelConfig.Load(configPath);
        using var checkpoint = Checkpoint.Load(weightsPath, TestDevice.Current);
        // the sd2-v UNet ships fp16 weights that the reference upcast to float32
        return new UnetDiffusionModel(UnetModel.Load(checkpoint, config.Unet, TestDevice.Current, Torch.DType.Float32), config.Diffusion.Parameterization);
    }
}
