using Deforum.Torch;
using Deforum.Torch.Modules;

namespace Deforum.Models.EfficientNet;

/// <summary>
/// MBConv: conv_pw (expand) → bn1 → swish → conv_dw → bn2 → swish → se → conv_pwl (project) → bn3, plus the input
/// when the block keeps stride and width. Port of rwightman/gen-efficientnet-pytorch
/// efficientnet_builder.py::InvertedResidual (drop-connect is training-only).
/// </summary>
internal sealed class InvertedResidual : Module, IForward
{
    readonly Conv2d _convPw, _convPwl;
    readonly SameConv2d _convDw;
    readonly BatchNorm2d _bn1, _bn2, _bn3;
    readonly SqueezeExcite _se;
    readonly bool _residual;

    public InvertedResidual(BlockConfig c)
    {
        _convPw = Register("conv_pw", new Conv2d(c.InChannels, c.MidChannels, 1, bias: false));
        _bn1 = Register("bn1", new BatchNorm2d(c.MidChannels, EfficientNetConfig.BatchNormEps));
        _convDw = Register("conv_dw", new SameConv2d(c.MidChannels, c.MidChannels, c.Kernel, c.Stride, groups: c.MidChannels));
        _bn2 = Register("bn2", new BatchNorm2d(c.MidChannels, EfficientNetConfig.BatchNormEps));
        _se = Register("se", new SqueezeExcite(c.MidChannels, c.SeChannels));
        _convPwl = Register("conv_pwl", new Conv2d(c.MidChannels, c.OutChannels, 1, bias: false));
        _bn3 = Register("bn3", new BatchNorm2d(c.OutChannels, EfficientNetConfig.BatchNormEps));
        _residual = c.HasResidual;
    }

    public Tensor Forward(Tensor x)
    {
        using var scope = DisposeScope.Begin();
        var h = Chain.Run(x, _convPw.Forward, _bn1.Forward, DepthwiseSeparableConv.Swish, _convDw.Forward, _bn2.Forward,
            DepthwiseSeparableConv.Swish, _se.Forward, _convPwl.Forward, _bn3.Forward);
        return scope.MoveToOuter(_residual ? h.Add_(x) : h);
    }
}
