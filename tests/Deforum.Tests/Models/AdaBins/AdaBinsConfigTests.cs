using Deforum.Models.AdaBins;
using Deforum.Models.EfficientNet;
using Deforum.Models.Weights;
using Deforum.Testing;
using Xunit;

namespace Deforum.Tests.Models.AdaBins;

public sealed class AdaBinsConfigTests
{
    const string NumBatchesTracked = ".num_batches_tracked";

    /// <summary>The real AdaBins_nyu.pt key table the manifest records (the original network built at full size, no weights).</summary>
    static IReadOnlyList<(string Key, long[] Shape)> RealNyuKeys()
    {
        var models = Golden.DepthManifest().Root.GetProperty("models").EnumerateArray().Where(m => m.TryGetProperty("real_nyu_keys", out _)).ToList();
        Golden.RequireData(models.Count > 0, "no model entry of the depth manifest records real_nyu_keys");
        return [.. models[0].GetProperty("real_nyu_keys").EnumerateArray()
            .Select(e => (e[0].GetString()!, e[1].EnumerateArray().Select(d => d.GetInt64()).ToArray()))];
    }

    [SkippableFact, Trait("Category", "Parity")]
    public void Nyu_config_declares_exactly_the_real_checkpoint_keys()
    {
        var real = RealNyuKeys().Where(k => !k.Key.EndsWith(NumBatchesTracked, StringComparison.Ordinal)).ToList();
        using var model = new UnetAdaptiveBins(AdaBinsConfig.Nyu);
        var declared = ParameterShapes.Of(model).ToDictionary(p => p.Name, p => p.Shape, StringComparer.Ordinal);
        Assert.Equal(real.Select(k => k.Key).Order(StringComparer.Ordinal), declared.Keys.Order(StringComparer.Ordinal));
        Assert.All(real, k => Assert.Equal(k.Shape, declared[k.Key]));
    }

    [SkippableFact, Trait("Category", "Parity")]
    public void Real_checkpoint_shapes_give_the_nyu_config()
    {
        var shapes = RealNyuKeys().ToDictionary(k => k.Key, k => k.Shape, StringComparer.Ordinal);
        Assert.Equal(AdaBinsConfig.Nyu, AdaBinsConfig.FromShapes(shapes, "real_nyu_keys"));
    }

    [SkippableFact, Trait("Category", "Parity")]
    public void Tiny_encoder_is_gen_efficientnets_scaling_of_its_multipliers()
    {
        foreach (var entry in Golden.DepthManifest().Root.GetProperty("models").EnumerateArray()
                     .Where(m => m.GetProperty("config").TryGetProperty("efficientnet", out _)))
        {
            var e = entry.GetProperty("config").GetProperty("efficientnet");
            using var model = UnetAdaptiveBins.Load(AdaBinsGolden.CheckpointFile(entry.GetProperty("id").GetString()!));
            Assert.Equal(EfficientNetConfig.Scaled(e.GetProperty("channel_multiplier").GetDouble(), e.GetProperty("depth_multiplier").GetDouble()),
                model.Config.Encoder);
        }
    }

    [Fact]
    public void B5_has_the_published_widths_and_depths()
    {
        var b5 = EfficientNetConfig.B5;
        Assert.Equal((48, 2048), (b5.StemChannels, b5.HeadChannels));
        Assert.Equal([3, 5, 5, 7, 7, 9, 3], b5.Stages.Select(s => s.Count));
        Assert.Equal([24, 40, 64, 128, 176, 304, 512], b5.Stages.Select(s => s[^1].OutChannels));
        Assert.All(b5.Stages.SelectMany(s => s), b => Assert.Equal(b.Kind == BlockKind.DepthwiseSeparable ? b.InChannels : b.InChannels * 6, b.MidChannels));
    }
}
