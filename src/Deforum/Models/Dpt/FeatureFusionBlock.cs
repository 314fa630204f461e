using Deforum.Torch;
using Deforum.Torch.Modules;

namespace Deforum.Models.Dpt;

/// <summary>
/// RefineNet fusion: (coarser path + unit1(skip)) → unit2 → bilinear resize (align_corners) → 1×1 conv.
/// Port of DepthAnything/Depth-Anything-V2 depth_anything_v2/util/blocks.py::FeatureFusionBlock
/// (deconv=False, bn=False, expand=False, align_corners=True), which is MiDaS DPT's
/// (deforum-stable-diffusion src/midas/blocks.py::FeatureFusionBlock_custom) with an explicit output size.
/// </summary>
internal sealed class FeatureFusionBlock : Module
{
    readonly ResidualConvUnit _unit1, _unit2;
    readonly Conv2d _outConv;

    public FeatureFusionBlock(int features)
    {
        _outConv = Register("out_conv", new Conv2d(features, features, 1));
        _unit1 = Register("resConfUnit1", new ResidualConvUnit(features));
        _unit2 = Register("resConfUnit2", new ResidualConvUnit(features));
    }

    /// <summary>
    /// <paramref name="path"/> [B, F, h, w] (fused with <paramref name="skip"/> of the same size when given) → resized to
    /// <paramref name="size"/>, or doubled when null → [B, F, h′, w′].
    /// </summary>
    public Tensor Forward(Tensor path, Tensor? skip, (long H, long W)? size)
    {
        using var scope = DisposeScope.Begin();
        var fused = skip is null ? path : path.Add(_unit1.Forward(skip));
        var refined = _unit2.Forward(fused);
        var resized = size is { } s
            ? F.Interpolate(refined, s, InterpolateMode.Bilinear, alignCorners: true)
            : F.Interpolate(refined, 2.0, InterpolateMode.Bilinear, alignCorners: true);
        return scope.MoveToOuter(_outConv.Forward(resized));
    }
}
