using Deforum.Torch;
using Deforum.Torch.Modules;

namespace Deforum.Models.Midas;

/// <summary>
/// Multi-head self-attention of a ViT block: one qkv projection, softmax((q·kᵀ)·scale)·v, an output projection.
/// Port of timm v0.6 models/vision_transformer.py::Attention.
/// </summary>
internal sealed class VitAttention : Module
{
    readonly Linear _qkv, _proj;
    readonly int _heads;
    readonly double _scale;

    public VitAttention(int dim, int heads)
    {
        _heads = heads;
        _scale = Math.Pow(dim / heads, -0.5);
        _qkv = Register("qkv", new Linear(dim, 3 * dim));
        _proj = Register("proj", new Linear(dim, dim));
    }

    /// <summary>x [B, N, C] → [B, N, C].</summary>
    public Tensor Forward(Tensor x)
    {
        using var scope = DisposeScope.Begin();
        long b = x.Size(0), n = x.Size(1), c = x.Size(2);
        var qkv = _qkv.Forward(x).Reshape(b, n, 3, _heads, c / _heads).Permute(2, 0, 3, 1, 4); // [3, B, heads, N, head_dim]
        Tensor q = qkv.Select(0, 0), k = qkv.Select(0, 1), v = qkv.Select(0, 2);
        // timm's order: the scale multiplies the scores, not q (libtorch's fused attention would scale q first)
        var scores = q.MatMul(k.Transpose(-2, -1)).Mul_(_scale);                                // [B, heads, N, N]
        var attended = F.Softmax(scores, -1).MatMul(v);                                          // [B, heads, N, head_dim]
        return scope.MoveToOuter(_proj.Forward(attended.Transpose(1, 2).Reshape(b, n, c)));      // [B, N, C]
    }
}
