using Deforum.Models.Nn;
using Deforum.Torch;
using Deforum.Torch.Modules;

namespace Deforum.Models.Unet;

/// <summary>
/// Multi-head attention of the latent tokens over themselves (attn1) or over the text context (attn2).
/// Port of CompVis/stable-diffusion ldm/modules/attention.py::CrossAttention.
/// </summary>
internal sealed class CrossAttention : Module
{
    readonly Linear _toQ, _toK, _toV;
    readonly Sequential _toOut;
    readonly int _heads;
    readonly double _scale;

    public CrossAttention(int queryDim, int contextDim, int heads, int headDim)
    {
        int inner = heads * headDim;
        _heads = heads;
        _scale = 1.0 / Math.Sqrt(headDim);
        _toQ = Register("to_q", new Linear(queryDim, inner, bias: false));
        _toK = Register("to_k", new Linear(contextDim, inner, bias: false));
        _toV = Register("to_v", new Linear(contextDim, inner, bias: false));
        _toOut = Register("to_out", new Sequential(new Linear(inner, queryDim), new Dropout()));
    }

    /// <summary>x [B, N, C]; context [B, M, C_ctx] or null for self-attention → [B, N, C].</summary>
    public Tensor Forward(Tensor x, Tensor? context = null)
    {
        using var scope = DisposeScope.Begin();
        var source = context ?? x;
        var q = SplitHeads(_toQ.Forward(x));
        var k = SplitHeads(_toK.Forward(source));
        var v = SplitHeads(_toV.Forward(source));
        var attended = MergeHeads(Attention.Compute(q, k, v, _scale));
        return scope.MoveToOuter(_toOut.Forward(attended));
    }

    Tensor SplitHeads(Tensor t) => t.View(t.Size(0), t.Size(1), _heads, t.Size(2) / _heads).Permute(0, 2, 1, 3); // [B, N, H·D] → [B, H, N, D]

    static Tensor MergeHeads(Tensor t) => t.Permute(0, 2, 1, 3).Reshape(t.Size(0), t.Size(2), t.Size(1) * t.Size(3)); // [B, H, N, D] → [B, N, H·D]
}
