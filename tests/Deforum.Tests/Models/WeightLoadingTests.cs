using Deforum.Models.Config;
using Deforum.Models.Unet;
using Deforum.Models.Vae;
using Deforum.Models.Weights;
using Deforum.Testing;
using Deforum.Torch;
using Deforum.Torch.Checkpoints;
using Xunit;

namespace Deforum.Tests.Models;


public sealed class WeightLoadingTests
{
    [SkippableFact]
    public void Config_and_weights_mismatch_names_keys_and_shapes()
    {
        using var weights = GoldenModels.Weights("sd1");
        var e = Assert.Throws<ModelWeightsException>(() => UnetModel.Load(weights, GoldenModels.Config("sd2_v").Unet));
        // SD 2.x projections are linear layers: the SD 1.x 1×1 conv kernels have one shape too many.
        Assert.Contains("model.diffusion_model.input_blocks.1.1.proj_in.weight: checkpoint [32, 32, 1, 1], config [32, 32]", e.Message, StringComparison.Ordinal);
        Assert.Contains("not in the model", e.Message, StringComparison.Ordinal); // the third level of channel_mult [1, 2, 2]
    }

    [SkippableFact]
    public void Full_size_config_on_tiny_weights_is_rejected()
    {
        using var weights = GoldenModels.Weights("sd1");
        var e = Assert.Throws<ModelWeightsException>(() => AutoencoderKL.Load(weights, ModelConfig.Default.Vae));
        Assert.Contains("first_stage_model.encoder.conv_in.weight: checkpoint [32, 3, 3, 3], config [128, 3, 3, 3]", e.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Loading_takes_the_tensors_out_of_the_checkpoint()
    {
        using var weights = GoldenModels.Weights("sd1");
        int total = weights.Count;
        using var unet = UnetModel.Load(weights, GoldenModels.Config("sd1").Unet);
        using var vae = AutoencoderKL.Load(weights, GoldenModels.Config("sd1").Vae);
        Assert.DoesNotContain(weights.Keys, k => k.StartsWith(CheckpointLayout.Unet, StringComparison.Ordinal) || k.StartsWith(CheckpointLayout.Vae, StringComparison.Ordinal));
        Assert.Equal(total, weights.Count + unet.StateDict().Count + vae.StateDict().Count);
    }

    [SkippableFact]
    public void Float16_weights_are_upcast_when_asked()
    {
        using var raw = Checkpoint.Load(GoldenModels.WeightsFile("sd2_v")); // the golden SD 2.x UNet is stored in float16
        Assert.Equal(DType.Float16, raw[CheckpointLayout.Unet + "out.2.weight"].DType);
        using var unet = UnetModel.Load(raw, GoldenModels.Config("sd2_v").Unet, dtype: DType.Float32);
        Assert.All(unet.StateDict().Values, t => Assert.Equal(DType.Float32, t.DType));
    }

    [Fact]
    public void Random_weights_are_deterministic_and_round_trip_through_a_float16_checkpoint()
    {
        var config = TinyUnet;
        using var a = RandomWeights.Initialize(new UnetModel(config), seed: 7);
        using var b = RandomWeights.Initialize(new UnetModel(config), seed: 7);
        var key = "input_blocks.1.1.transformer_blocks.0.attn1.to_q.weight";
        Assert.Equal(a.StateDict()[key].ToArray<float>(), b.StateDict()[key].ToArray<float>());

        var path = Path.GetTempFileName();
        try
        {
            RandomWeights.WriteCheckpoint(path, DType.Float16, (CheckpointLayout.Unet, a));
            using var ckpt = Checkpoint.Load(path);
            using var loaded = UnetModel.Load(ckpt, config, dtype: DType.Float32);
            var expected = a.StateDict()[key].To(DType.Float16).To(DType.Float32);
            Assert.Equal(expected.ToArray<float>(), loaded.StateDict()[key].ToArray<float>());
            expected.Dispose();
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Blocking changes only which rows share a GEMM call; per-row sums are the same up to BLAS kernel choice.</summary>
    const double BlockingTolerance = 1e-6;

    [Fact]
    public void Chunked_attention_equals_the_single_block_form()
    {
        using var scope = DisposeScope.Begin();
        using var g = new Generator(3);
        var q = Tensor.Randn([3, 2, 300, 16], g);
        var k = Tensor.Randn([3, 2, 200, 16], g);
        var v = Tensor.Randn([3, 2, 200, 8], g);
        var whole = ModelOps.ChunkedAttention(q, k, v, 0.25, long.MaxValue).ToArray<float>();
        var blocked = ModelOps.ChunkedAttention(q, k, v, 0.25, 200 * 7).ToArray<float>(); // 7 query rows at a time
        Assert.Equal(whole.Length, blocked.Length);
        for (int i = 0; i < whole.Length; i++) Assert.True(Math.Abs(whole[i] - blocked[i]) <= BlockingTolerance, $"element {i}: {whole[i]} vs {blocked[i]}");
    }

    internal static UnetConfig TinyUnet { get; } = ModelConfig.Default.Unet with
    {
        ModelChannels = 32, ChannelMult = [1, 2], NumResBlocks = 1, AttentionResolutions = [1, 2], ContextDim = 32,
    };
}
