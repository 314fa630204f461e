using Deforum.Models;
using Deforum.Models.Config;
using Deforum.Models.Unet;
using Deforum.Models.Vae;
using Deforum.Models.Weights;
using Deforum.Testing;
using Deforum.Torch.Modules;
using Xunit;

namespace Deforum.Tests.Models;

public sealed class ModelConfigTests
{
    [Fact]
    public void Default_is_sd1_v1_inference()
    {
        var c = ModelConfig.Default;
        Assert.Equal((320, 2, 8, 768), (c.Unet.ModelChannels, c.Unet.NumResBlocks, c.Unet.NumHeads, c.Unet.ContextDim));
        Assert.Equal([1, 2, 4, 4], c.Unet.ChannelMult);
        Assert.Equal([4, 2, 1], c.Unet.AttentionResolutions);
        Assert.False(c.Unet.UseLinearInTransformer);
        Assert.Equal((8, 40), c.Unet.AttentionHeads(320));
        Assert.Equal((128, 2, 4, 8), (c.Vae.Ch, c.Vae.NumResBlocks, c.Vae.EmbedDim, c.Vae.DownsamplingFactor));
        Assert.Equal((0.00085, 0.012, 1000, 0.18215), (c.Diffusion.LinearStart, c.Diffusion.LinearEnd, c.Diffusion.Timesteps, c.Diffusion.ScaleFactor));
        Assert.Equal(Parameterization.Eps, c.Diffusion.Parameterization);
        Assert.Equal(TextEncoderConfig.ClipVitL14, c.TextEncoder);
    }

    [Fact]
    public void V2_v_config_selects_v_prediction_linear_projections_and_head_width()
    {
        var c = ModelConfig.Embedded("v2-inference-v.yaml");
        Assert.Equal(Parameterization.V, c.Diffusion.Parameterization);
        Assert.True(c.Unet.UseLinearInTransformer);
        Assert.Equal((20, 64), c.Unet.AttentionHeads(1280));
        Assert.Equal(1024, c.Unet.ContextDim);
        Assert.Equal(TextEncoderLayer.Penultimate, c.TextEncoder.Layer);
        Assert.Equal(Parameterization.Eps, ModelConfig.Embedded("v2-inference.yaml").Diffusion.Parameterization);
    }

    [SkippableFact]
    public void Golden_tiny_configs_load_through_the_same_path()
    {
        var sd1 = GoldenModels.Config("sd1");
        Assert.Equal((32, 2, 32), (sd1.Unet.ModelChannels, sd1.Unet.NumHeads, sd1.Unet.ContextDim));
        Assert.Equal((32, 2, 2, 128, 49408), (sd1.TextEncoder.HiddenSize, sd1.TextEncoder.NumLayers, sd1.TextEncoder.NumHeads,
            sd1.TextEncoder.IntermediateSize, sd1.TextEncoder.VocabSize));
        var sd2 = GoldenModels.Config("sd2_v");
        Assert.Equal(Parameterization.V, sd2.Diffusion.Parameterization);
        Assert.Equal((2, 16), sd2.Unet.AttentionHeads(32));
    }

    [SkippableFact]
    public void Text_encoder_sizes_follow_the_checkpoint()
    {
        using var weights = GoldenModels.Weights("sd1");
        var shapes = weights.Where(kv => kv.Key.StartsWith(CheckpointLayout.TextEncoder, StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key[CheckpointLayout.TextEncoder.Length..], kv => kv.Value.Shape);
        var c = TextEncoderConfig.ClipVitL14.WithShapesFrom(shapes);
        Assert.Equal((49408, 32, 128, 2, 77), (c.VocabSize, c.HiddenSize, c.IntermediateSize, c.NumLayers, c.MaxPositions));
    }

    [Fact]
    public void Full_size_sd15_modules_have_the_published_parameter_counts()
    {
        static long Count(Module m)
        {
            using (m) return ParameterShapes.Of(m).Sum(p => p.Shape.Aggregate(1L, (a, b) => a * b));
        }
        Assert.Equal(859_520_964, Count(new UnetModel(ModelConfig.Default.Unet)));
        Assert.Equal(83_653_863, Count(new AutoencoderKL(ModelConfig.Default.Vae)));
    }

    [Fact]
    public void Errors_name_the_offending_key()
    {
        var yaml = ModelConfigYaml().Replace("model_channels: 320", "model_channels: lots", StringComparison.Ordinal);
        var e = Assert.Throws<ModelConfigException>(() => ModelConfig.Parse(yaml, "my.yaml"));
        Assert.Contains("my.yaml", e.Message, StringComparison.Ordinal);
        Assert.Contains("model.params.unet_config.params.model_channels", e.Message, StringComparison.Ordinal);

        var missing = ModelConfigYaml().Replace("context_dim: 768", "", StringComparison.Ordinal);
        Assert.Contains("context_dim", Assert.Throws<ModelConfigException>(() => ModelConfig.Parse(missing)).Message, StringComparison.Ordinal);
        Assert.Throws<ModelConfigException>(() => ModelConfig.Parse("model: [1, 2"));
    }

    [Fact]
    public void Resolve_falls_back_to_the_shipped_config_when_the_file_is_missing()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        try
        {
            Assert.Equal("embedded v2-inference-v.yaml", ModelConfig.Resolve("v2-inference-v.yaml", null, dir).Source);
            var e = Assert.Throws<ModelLoadException>(() => ModelConfig.Resolve("custom", Path.Combine(dir, "nope.yaml"), dir));
            Assert.Contains($"custom_config_path '{Path.Combine(dir, "nope.yaml")}' does not exist", e.Message, StringComparison.Ordinal);
            Assert.Contains("point it (or --config) at the checkpoint's yaml", e.Message, StringComparison.Ordinal);
            var custom = Path.Combine(dir, "mine.yaml");
            File.WriteAllText(custom, ModelConfigYaml().Replace("num_heads: 8", "num_heads: 4", StringComparison.Ordinal));
            Assert.Equal(4, ModelConfig.Resolve("custom", custom, dir).Unet.NumHeads);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    static string ModelConfigYaml()
    {
        using var s = typeof(ModelConfig).Assembly.GetManifestResourceStream("Deforum.Models.Config.v1-inference.yaml")!;
        return new StreamReader(s).ReadToEnd();
    }
}
