using Deforum.Models.Clip;
using Deforum.Testing;
using Deforum.Torch;
using Deforum.Torch.Checkpoints;
using Xunit;

namespace Deforum.Tests.Models.Clip;

public class FrozenClipEmbedderTests
{
    public static IEnumerable<object[]> TextEncoderCases() => Golden.Cases("text_encoder");

    /// <summary>Prompt text in, conditioning out: tokenizer and encoder together reproduce the reference from the words.</summary>
    [SkippableTheory]
    [Trait("Category", "Parity")]
    [MemberData(nameof(TextEncoderCases))]
    public void Prompts_encode_to_the_golden_conditioning(string id)
    {
        var c = Golden.Case(id);
        var prompts = c.Params.GetProperty("prompts").EnumerateArray().Select(p => p.GetString()!).ToList();
        using var checkpoint = Checkpoint.Load(TinyModel.SafetensorsPath, TestDevice.Current);
        using var embedder = new FrozenClipEmbedder(ClipTestVocabulary.Tokenizer(),
            ClipTextEncoder.FromCheckpoint(checkpoint, TinyModel.TextConfig(), TestDevice.Current));
        using var file = c.Open();
        using var scope = DisposeScope.Begin();

        var got = embedder.Encode(prompts);

        var expected = c.Outputs["last_hidden_state"];
        Assert.Equal(expected.Shape, got.Shape);
        Golden.AssertClose(got.To(Device.Cpu).ToArray<float>(), file.Read<float>(expected.Tensor), c.ToleranceFor("last_hidden_state"), id);
    }
}
