using Deforum.Torch;
using Deforum.Torch.Modules;

namespace Deforum.Models.Midas;

/// <summary>
/// One RefineNet fusion stage (<c>scratch.refinenet{1..4}</c>): the coarser path plus the residual-refined skip,
/// refined again, upsampled ×2 (bilinear, align_corners true) and projected by a 1×1 convolution (expand false).
/// Port of deforum-stable-diffusion src/midas/blocks.py::FeatureFusionBlock_custom.
/// </summary>
internal sealed class FeatureFusionBlock : Module
{
    readonly ResidualConvUnit _resConfUnit1, _resConfUnit2;
    readonly Conv2d _outConv;

    public FeatureFusionBlock(int features)
    {
        _outConv = Register("out_conv", new Conv2d(features, features, 1));
        _resConfUnit1 = Register("resConfUnit1", new ResidualConvUnit(features));
        _resConfUnit2 = Register("resConfUnit2", new ResidualConvUnit(features));
    }

    /// <summary>path [B, F, h, w] (+ skip [B, F, h, w]) → [B, F, 2h, 2w].</summary>
    public Tensor Forward(Tensor path, Tensor? skip = null)
    {
        using var scope = DisposeScope.Begin();
        var fused = skip is null ? path : path + _resConfUnit1.Forward(skip);
        var h = Chain.Run(fused, _resConfUnit2.Forward, t => F.Interpolate(t, 2.0, InterpolateMode.Bilinear, alignCorners: true), _outConv.Forward);
        return scope.MoveToOuter(h);
    }
}
