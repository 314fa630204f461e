using Deforum.Models.Config;
using Deforum.Torch;
using Deforum.Torch.Modules;

namespace Deforum.Models.Clip;

/// <summary>HF CLIPTextTransformer: embeddings, the layer stack, and the final LayerNorm whose output SD conditions on.</summary>
internal sealed class ClipTextTransformer : Module
{
    readonly ClipEmbeddings _embeddings;
    readonly ClipEncoder _encoder;
    readonly LayerNorm _finalNorm;

    public ClipTextTransformer(TextEncoderConfig c)
    {
        _embeddings = Register("embeddings", new ClipEmbeddings(c));
        _encoder = Register("encoder", new ClipEncoder(c));
        _finalNorm = Register("final_layer_norm", new LayerNorm(c.HiddenSize, c.LayerNormEps));
    }

    public Tensor Forward(Tensor inputIds)
    {
        using var scope = DisposeScope.Begin();
        var x = _embeddings.Forward(inputIds); // [B, L, D]
        x = _encoder.Forward(x);
        return scope.MoveToOuter(_finalNorm.Forward(x));
    }
}
