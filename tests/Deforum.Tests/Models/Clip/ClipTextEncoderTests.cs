using Deforum.Models;
using Deforum.Models.Clip;
using Deforum.Models.Config;
using Deforum.Models.Weights;
using Deforum.Testing;
using Deforum.Torch;
using Deforum.Torch.Checkpoints;
using Xunit;

namespace Deforum.Tests.Models.Clip;

/// <summary>Counts live tensors, so it runs in the non-parallel leak collection.</summary>
[Collection(nameof(ModelLeakTests))]
public class ClipTextEncoderTests
{
    public static IEnumerable<object[]> TextEncoderCases() => Golden.Cases("text_encoder");

    static ClipTextEncoder LoadTiny(Device device)
    {
        using var checkpoint = Checkpoint.Load(TinyModel.SafetensorsPath, device);
        return ClipTextEncoder.FromCheckpoint(checkpoint, TinyModel.TextConfig(), device);
    }

    [SkippableTheory]
    [Trait("Category", "Parity")]
    [MemberData(nameof(TextEncoderCases))]
    public void Golden_case_matches(string id)
    {
        var c = Golden.Case(id);
        using var encoder = LoadTiny(TestDevice.Current);
        using var file = c.Open();
        using var scope = DisposeScope.Begin();
        var ids = c.Inputs["input_ids"];
        var input = Tensor.From<long>(file.Read<long>(ids.Tensor), ids.Shape).To(TestDevice.Current);

        var got = encoder.Forward(input);

        var expected = c.Outputs["last_hidden_state"];
        Assert.Equal(expected.Shape, got.Shape);
        Golden.AssertClose(got.To(Device.Cpu).ToArray<float>(), file.Read<float>(expected.Tensor), c.ToleranceFor("last_hidden_state"), id);
    }

    [SkippableFact]
    public void Loading_and_encoding_frees_every_tensor()
    {
        Golden.RequireData(File.Exists(TinyModel.SafetensorsPath), "tiny checkpoint missing");
        var baseline = LiveTensors.Settled();
        using (var encoder = LoadTiny(Device.Cpu))
        using (var scope = DisposeScope.Begin())
        {
            encoder.Forward(Tensor.Zeros([2, 77], DType.Int64));
        }
        Assert.Equal(baseline, Tensor.LiveCount);
    }

    [SkippableFact]
    public void Missing_position_ids_are_the_identity()
    {
        Golden.RequireData(File.Exists(TinyModel.SafetensorsPath), "tiny checkpoint missing");
        var config = TinyModel.TextConfig();
        using var scope = DisposeScope.Begin();
        using var full = LoadTiny(Device.Cpu);
        using var checkpoint = Checkpoint.Load(TinyModel.SafetensorsPath);
        var weights = checkpoint.Take(CheckpointLayout.TextEncoder);
        weights.Remove(ClipTextEncoder.PositionIdsKey, out var removed);
        removed!.Dispose();
        using var withoutIds = ClipTextEncoder.FromStateDict(weights, config, Device.Cpu);
        var ids = Tensor.Arange(77).Unsqueeze(0);

        Assert.Equal(full.Forward(ids).ToArray<float>(), withoutIds.Forward(ids).ToArray<float>());
    }

    [SkippableFact]
    public void Config_that_does_not_fit_the_weights_names_the_keys()
    {
        Golden.RequireData(File.Exists(TinyModel.SafetensorsPath), "tiny checkpoint missing");
        var wrong = TinyModel.TextConfig() with { NumLayers = 3, IntermediateSize = 64 };
        var baseline = LiveTensors.Settled();
        using (var checkpoint = Checkpoint.Load(TinyModel.SafetensorsPath))
        {
            var e = Assert.Throws<ModelWeightsException>(() => ClipTextEncoder.FromCheckpoint(checkpoint, wrong, Device.Cpu));
            Assert.Contains("16 missing from the checkpoint: cond_stage_model.transformer.text_model.encoder.layers.2.self_attn.q_proj.weight [32, 32]", e.Message);
            Assert.Contains("cond_stage_model.transformer.text_model.encoder.layers.0.mlp.fc1.weight: checkpoint [128, 32], config [64, 32]", e.Message);
        }
        Assert.Equal(baseline, Tensor.LiveCount);
    }

    [Fact]
    public void Token_ids_of_the_wrong_kind_are_rejected()
    {
        var config = TextEncoderConfig.ClipVitL14 with { VocabSize = 10, HiddenSize = 4, IntermediateSize = 8, NumLayers = 1, NumHeads = 2, MaxPositions = 5 };
        using var encoder = new ClipTextEncoder(config);
        using var scope = DisposeScope.Begin();
        Assert.Throws<ArgumentException>(() => encoder.Forward(Tensor.Zeros([1, 6], DType.Int64)));
        Assert.Throws<ArgumentException>(() => encoder.Forward(Tensor.Zeros([1, 5])));
    }
}
