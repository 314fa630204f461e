using Deforum.Models.Nn;
using Deforum.Torch;
using Deforum.Torch.Modules;

namespace Deforum.Models.DepthAnything;

/// <summary>
/// Multi-head self-attention with one packed qkv projection: softmax((q·d^−½) kᵀ) v. Port of
/// depth_anything_v2/dinov2_layers/attention.py::Attention.forward (the path MemEffAttention takes without xFormers).
/// </summary>
internal sealed class DinoAttention : Module
{
    readonly Linear _qkv, _proj;
    readonly int _heads;

    public DinoAttention(int dim, int heads)
    {
        _heads = heads;
        _qkv = Register("qkv", new Linear(dim, 3 * dim));
        _proj = Register("proj", new Linear(dim, dim));
    }

    /// <summary>x [B, N, C] → [B, N, C].</summary>
    public Tensor Forward(Tensor x)
    {
        using var scope = DisposeScope.Begin();
        long b = x.Size(0), n = x.Size(1), c = x.Size(2), headDim = c / _heads;
        var qkv = _qkv.Forward(x).View(b, n, 3, _heads, headDim).Permute(2, 0, 3, 1, 4); // [3, B, heads, N, d]
        var attended = Attention.Compute(qkv.Select(0, 0), qkv.Select(0, 1), qkv.Select(0, 2), 1.0 / Math.Sqrt(headDim)); // [B, heads, N, d]
        return scope.MoveToOuter(_proj.Forward(attended.Transpose(1, 2).Reshape(b, n, c))); // [B, N, C]
    }
}
