using System.Collections.Concurrent;
using Deforum.Models.Unet;
using Deforum.Sampling;
using Deforum.Testing;
using Deforum.Tests.Models;

namespace Deforum.Tests.Sampling;

/// <summary>The golden tiny UNet of a manifest model key ("sd1", "sd2_v") as the samplers see it, loaded once per run.</summary>
internal static class TinyModel
{
    static readonly ConcurrentDictionary<string, Lazy<IDiffusionModel>> Models = new();

    /// <param name="modelKey">The manifest's model key: "sd1" (default) or "sd2_v".</param>
    public static IDiffusionModel Load(string modelKey) => Models.GetOrAdd(modelKey, k => new Lazy<IDiffusionModel>(() => Create(k))).Value;

    static UnetDiffusionModel Create(string modelKey)
    {
        var config = GoldenModels.Config(modelKey);
        // the sd2-v UNet ships fp16 weights that the reference upcast to float32 (GoldenModels.Weights loads float32)
        using var weights = GoldenModels.Weights(modelKey);
        return new UnetDiffusionModel(UnetModel.Load(weights, config.Unet, TestDevice.Current), config.Diffusion.Parameterization);
    }
}
