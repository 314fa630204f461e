using Deforum.Models.Nn;
using Deforum.Torch;
using Deforum.Torch.Modules;

namespace Deforum.Models.DepthAnything;

/// <summary>
/// Pre-norm transformer block with LayerScale: x + γ₁·attn(norm1(x)), then + γ₂·mlp(norm2(x)).
/// Port of depth_anything_v2/dinov2_layers/block.py::Block.forward (inference path).
/// </summary>
internal sealed class DinoBlock : Module
{
    readonly LayerNorm _norm1, _norm2;
    readonly DinoAttention _attn;
    readonly LayerScale _ls1, _ls2;
    readonly Mlp _mlp;

    public DinoBlock(DepthAnythingConfig c)
    {
        _norm1 = Register("norm1", new LayerNorm(c.EmbedDim, DepthAnythingConfig.LayerNormEps));
        _attn = Register("attn", new DinoAttention(c.EmbedDim, c.Layout.NumHeads));
        _ls1 = Register("ls1", new LayerScale(c.EmbedDim));
        _norm2 = Register("norm2", new LayerNorm(c.EmbedDim, DepthAnythingConfig.LayerNormEps));
        _mlp = Register("mlp", new Mlp(c.EmbedDim, c.MlpHidden));
        _ls2 = Register("ls2", new LayerScale(c.EmbedDim));
    }

    /// <summary>x [B, N, C] → [B, N, C].</summary>
    public Tensor Forward(Tensor x)
    {
        using var scope = DisposeScope.Begin();
        var h = x.Add(Chain.Run(x, _norm1.Forward, _attn.Forward, _ls1.Forward));
        return scope.MoveToOuter(h.Add_(Chain.Run(h, _norm2.Forward, _mlp.Forward, _ls2.Forward)));
    }
}
