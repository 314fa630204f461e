using Deforum.Models.Nn;
using Deforum.Torch;
using Deforum.Torch.Modules;

namespace Deforum.Models.Unet;

/// <summary>
/// Transformer over the pixels of a feature map, conditioned on the text context; projections are 1×1 convolutions
/// (SD 1.x) or linear layers on the token sequence (SD 2.x, use_linear_in_transformer).
/// Port of CompVis/stable-diffusion ldm/modules/attention.py::SpatialTransformer (and the Stability-AI/stablediffusion
/// use_linear variant).
/// </summary>
internal sealed class SpatialTransformer : Module
{
    const int Groups = 32;
    const double Eps = 1e-6;

    readonly GroupNorm32 _norm;
    readonly IForward _projIn, _projOut;
    readonly ModuleList<BasicTransformerBlock> _blocks;
    readonly bool _linear;
    readonly int _inner;

    public SpatialTransformer(int channels, int heads, int headDim, int depth, int contextDim, bool useLinear)
    {
        _inner = heads * headDim;
        _linear = useLinear;
        _norm = Register("norm", new GroupNorm32(Groups, channels, Eps));
        _projIn = (IForward)Register("proj_in", Projection(channels, _inner));
        _blocks = Register("transformer_blocks", new ModuleList<BasicTransformerBlock>(
            Enumerable.Range(0, depth).Select(_ => new BasicTransformerBlock(_inner, heads, headDim, contextDim))));
        _projOut = (IForward)Register("proj_out", Projection(_inner, channels));

        Module Projection(int from, int to) => useLinear ? new Linear(from, to) : new Conv2d(from, to, 1);
    }

    /// <summary>x [B, C, H, W], context [B, M, C_ctx] → [B, C, H, W].</summary>
    public Tensor Forward(Tensor x, Tensor context)
    {
        using var scope = DisposeScope.Begin();
        long b = x.Size(0), h = x.Size(2), w = x.Size(3);
        var t = _norm.Forward(x);
        if (!_linear) t = _projIn.Forward(t);
        t = t.Permute(0, 2, 3, 1).Reshape(b, h * w, t.Size(1)); // [B, C, H, W] → [B, HW, C]
        if (_linear) t = _projIn.Forward(t);
        foreach (var block in _blocks.Items) t = block.Forward(t, context);
        if (_linear) t = _projOut.Forward(t);
        t = t.View(b, h, w, t.Size(2)).Permute(0, 3, 1, 2).Contiguous(); // [B, HW, C] → [B, C, H, W]
        if (!_linear) t = _projOut.Forward(t);
        return scope.MoveToOuter(t.Add_(x));
    }
}
