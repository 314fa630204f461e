using Deforum.Torch;
using Deforum.Torch.Modules;

namespace Deforum.Models.Unet;

/// <summary>
/// Pre-norm transformer layer: self-attention, cross-attention on the context, GEGLU MLP, each residual.
/// Port of CompVis/stable-diffusion ldm/modules/attention.py::BasicTransformerBlock.
/// </summary>
internal sealed class BasicTransformerBlock : Module
{
    const double LayerNormEps = 1e-5;

    readonly CrossAttention _attn1, _attn2;
    readonly FeedForward _ff;
    readonly LayerNorm _norm1, _norm2, _norm3;

    public BasicTransformerBlock(int dim, int heads, int headDim, int contextDim)
    {
        _attn1 = Register("attn1", new CrossAttention(dim, dim, heads, headDim));
        _ff = Register("ff", new FeedForward(dim));
        _attn2 = Register("attn2", new CrossAttention(dim, contextDim, heads, headDim));
        _norm1 = Register("norm1", new LayerNorm(dim, LayerNormEps));
        _norm2 = Register("norm2", new LayerNorm(dim, LayerNormEps));
        _norm3 = Register("norm3", new LayerNorm(dim, LayerNormEps));
    }

    /// <summary>x [B, N, C], context [B, M, C_ctx] → [B, N, C].</summary>
    public Tensor Forward(Tensor x, Tensor context)
    {
        using var scope = DisposeScope.Begin();
        // Residual adds in place on each sub-layer's fresh output (a + b is b + a bit for bit).
        var h = _attn1.Forward(_norm1.Forward(x)).Add_(x);
        h = _attn2.Forward(_norm2.Forward(h), context).Add_(h);
        return scope.MoveToOuter(_ff.Forward(_norm3.Forward(h)).Add_(h));
    }
}
