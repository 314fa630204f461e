using Deforum.Models.Nn;
using Deforum.Torch;
using Deforum.Torch.Modules;

namespace Deforum.Models.Vae;

/// <summary>
/// Single-head self-attention over the pixels with 1×1 convolution projections (scale C^-0.5).
/// Port of CompVis/stable-diffusion ldm/modules/diffusionmodules/model.py::AttnBlock.
/// </summary>
internal sealed class AttnBlock : Module, IForward
{
    readonly GroupNorm _norm;
    readonly Conv2d _q, _k, _v, _projOut;

    public AttnBlock(int channels)
    {
        _norm = Register("norm", VaeNorm.Create(channels));
        _q = Register("q", new Conv2d(channels, channels, 1));
        _k = Register("k", new Conv2d(channels, channels, 1));
        _v = Register("v", new Conv2d(channels, channels, 1));
        _projOut = Register("proj_out", new Conv2d(channels, channels, 1));
    }

    public Tensor Forward(Tensor x)
    {
        using var scope = DisposeScope.Begin();
        long b = x.Size(0), c = x.Size(1), h = x.Size(2), w = x.Size(3);
        var normed = _norm.Forward(x);
        var q = Tokens(_q.Forward(normed));
        var k = Tokens(_k.Forward(normed));
        var v = Tokens(_v.Forward(normed));
        var attended = Attention.Compute(q, k, v, 1.0 / Math.Sqrt(c)); // [B, 1, HW, C]
        var y = attended.Squeeze(1).Permute(0, 2, 1).Reshape(b, c, h, w); // [B, 1, HW, C] → [B, C, H, W]
        return scope.MoveToOuter(_projOut.Forward(y).Add_(x));

        Tensor Tokens(Tensor t) => t.Reshape(b, 1, c, h * w).Transpose(2, 3); // one head: [B, C, H, W] → [B, 1, HW, C]
    }
}
