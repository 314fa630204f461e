using Deforum.Torch;
using Deforum.Torch.Modules;

namespace Deforum.Models.EfficientNet;

/// <summary>
/// conv_dw → bn1 → swish → se → conv_pw → bn2 (no activation after the pointwise conv), plus the input when
/// the block keeps stride and width. Port of rwightman/gen-efficientnet-pytorch
/// efficientnet_builder.py::DepthwiseSeparableConv (pw_act off; drop-connect is training-only).
/// </summary>
internal sealed class DepthwiseSeparableConv : Module, IForward
{
    readonly SameConv2d _convDw;
    readonly BatchNorm2d _bn1, _bn2;
    readonly SqueezeExcite _se;
    readonly Conv2d _convPw;
    readonly bool _residual;

    public DepthwiseSeparableConv(BlockConfig c)
    {
        _convDw = Register("conv_dw", new SameConv2d(c.InChannels, c.InChannels, c.Kernel, c.Stride, groups: c.InChannels));
        _bn1 = Register("bn1", new BatchNorm2d(c.InChannels, EfficientNetConfig.BatchNormEps));
        _se = Register("se", new SqueezeExcite(c.InChannels, c.SeChannels));
        _convPw = Register("conv_pw", new Conv2d(c.InChannels, c.OutChannels, 1, bias: false));
        _bn2 = Register("bn2", new BatchNorm2d(c.OutChannels, EfficientNetConfig.BatchNormEps));
        _residual = c.HasResidual;
    }

    public Tensor Forward(Tensor x)
    {
        using var scope = DisposeScope.Begin();
        var h = Chain.Run(x, _convDw.Forward, _bn1.Forward, Swish, _se.Forward, _convPw.Forward, _bn2.Forward);
        return scope.MoveToOuter(_residual ? h.Add_(x) : h);
    }

    /// <summary>swish = x · sigmoid(x) (nn.SiLU), in place on a norm's fresh output.</summary>
    internal static Tensor Swish(Tensor normed) => normed.Silu_();
}
