using Deforum.Models.Nn;
using Deforum.Torch;
using Deforum.Torch.Modules;

namespace Deforum.Models.Midas;

/// <summary>
/// One pre-norm transformer block: x += attn(norm1(x)); x += mlp(norm2(x)) (no layer scale, no drop path at
/// inference). Port of timm v0.6 models/vision_transformer.py::Block.
/// </summary>
internal sealed class VitBlock : Module
{
    // timm's VisionTransformer default norm_layer: partial(nn.LayerNorm, eps=1e-6)
    internal const double LayerNormEps = 1e-6;

    readonly LayerNorm _norm1, _norm2;
    readonly VitAttention _attn;
    readonly Mlp _mlp;

    public VitBlock(DptConfig c)
    {
        _norm1 = Register("norm1", new LayerNorm(c.EmbedDim, LayerNormEps));
        _attn = Register("attn", new VitAttention(c.EmbedDim, c.NumHeads));
        _norm2 = Register("norm2", new LayerNorm(c.EmbedDim, LayerNormEps));
        _mlp = Register("mlp", new Mlp(c.EmbedDim, c.MlpHidden));
    }

    /// <summary>tokens [B, N, D] → [B, N, D].</summary>
    public Tensor Forward(Tensor x)
    {
        using var scope = DisposeScope.Begin();
        var h = x + _attn.Forward(_norm1.Forward(x));
        h.Add_(_mlp.Forward(_norm2.Forward(h)));
        return scope.MoveToOuter(h);
    }
}
