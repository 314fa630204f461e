using Deforum.Models.Dpt;
using Deforum.Models.Nn;
using Deforum.Torch;
using Deforum.Torch.Modules;

namespace Deforum.Models.Midas;

/// <summary>
/// DPT's decoder (<c>scratch</c>): each pyramid level to the common width (3×3, no bias), RefineNet fusion from the
/// coarsest level up, and the depth head (<c>output_conv</c>: 3×3 to half width, ×2 bilinear, 3×3 to 32, ReLU, 1×1 to
/// one channel, ReLU for non_negative). Port of deforum-stable-diffusion src/midas/dpt_depth.py (DPT.forward,
/// DPTDepthModel's head) and src/midas/blocks.py::_make_scratch.
/// </summary>
internal sealed class DptScratch : Module
{
    readonly Conv2d[] _layerRn;
    readonly FeatureFusionBlock[] _refinenet;
    readonly Sequential _outputConv;

    public DptScratch(DptConfig c)
    {
        _layerRn = [.. Enumerable.Range(1, 4).Select(i => Register($"layer{i}_rn", new Conv2d(c.ReadoutFeatures[i - 1], c.Features, 3, padding: 1, bias: false)))];
        _refinenet = [.. Enumerable.Range(1, 4).Select(i => Register($"refinenet{i}", new FeatureFusionBlock(c.Features)))];
        _outputConv = Register("output_conv", new Sequential(
            new Conv2d(c.Features, c.Features / 2, 3, padding: 1),
            new Interpolate(2.0, InterpolateMode.Bilinear, alignCorners: true),
            new Conv2d(c.Features / 2, c.HeadHidden, 3, padding: 1),
            new ReLU(),
            new Conv2d(c.HeadHidden, 1, 1),
            new ReLU(), // non_negative: DPT-Large is always loaded with non_negative=True by Deforum
            new Identity()));
    }

    /// <summary>layers [B, f_i, H/4·2^-(i-1), …] → relative inverse depth [B, 1, H, W].</summary>
    public Tensor Forward(Tensor[] layers)
    {
        using var scope = DisposeScope.Begin();
        // path_4 = refinenet4(layer4_rn); path_i = refinenet_i(path_{i+1}, layer_i_rn), each freed once consumed
        Tensor? path = null;
        for (int i = 3; i >= 0; i--)
        {
            using var rn = _layerRn[i].Forward(layers[i]);
            var next = path is null ? _refinenet[i].Forward(rn, null, null) : _refinenet[i].Forward(path, rn, null);
            path?.Dispose();
            path = next;
        }
        return scope.MoveToOuter(_outputConv.Forward(path!));
    }
}
