using Deforum.Torch;

namespace Deforum.Models.Clip;

// Port of ldm.modules.encoders.modules.FrozenCLIPEmbedder.forward: tokenize (truncate and pad to 77), run the text
// model, condition on its last hidden state.

/// <summary>Prompts → SD conditioning [B, 77, hidden] on the text encoder's device. Owns the encoder.</summary>
public sealed class FrozenClipEmbedder(ClipTokenizer tokenizer, ClipTextEncoder encoder) : IDisposable
{
    public ClipTokenizer Tokenizer { get; } = tokenizer;

    public ClipTextEncoder Encoder { get; } = encoder;

    public Tensor Encode(IReadOnlyList<string> prompts)
    {
        if (prompts.Count == 0) throw new ArgumentException("no prompts to encode", nameof(prompts));
        using var scope = DisposeScope.Begin();
        var ids = Tensor.From(Tokenizer.Encode(prompts), prompts.Count, ClipTokenizer.MaxLength) // [B, 77]
            .To(Encoder.Device);
        return scope.MoveToOuter(Encoder.Forward(ids));
    }

    public Tensor Encode(string prompt) => Encode([prompt]);

    public void Dispose() => Encoder.Dispose();
}
