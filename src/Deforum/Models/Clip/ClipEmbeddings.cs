using Deforum.Models.Config;
using Deforum.Torch;
using Deforum.Torch.Modules;

namespace Deforum.Models.Clip;

/// <summary>Token embedding plus learned absolute position embedding (HF CLIPTextEmbeddings).</summary>
internal sealed class ClipEmbeddings : Module
{
    readonly Embedding _token, _position;

    public ClipEmbeddings(TextEncoderConfig c)
    {
        _token = Register("token_embedding", new Embedding(c.VocabSize, c.HiddenSize));
        _position = Register("position_embedding", new Embedding(c.MaxPositions, c.HiddenSize));
        // Read from the checkpoint rather than generated, as HF indexes through this buffer: a checkpoint whose
        // position ids were damaged by merging tools gives the same (damaged) conditioning as in the original.
        Buffer("position_ids");
    }

    /// <summary>ids [B, L] int64 → [B, L, D].</summary>
    public Tensor Forward(Tensor inputIds)
    {
        using var scope = DisposeScope.Begin();
        var positions = Get("position_ids").Narrow(1, 0, inputIds.Size(1)); // [1, L]
        return scope.MoveToOuter(_token.Forward(inputIds) + _position.Forward(positions));
    }
}
