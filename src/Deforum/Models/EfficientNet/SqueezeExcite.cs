using Deforum.Torch;
using Deforum.Torch.Modules;

namespace Deforum.Models.EfficientNet;

/// <summary>
/// Channel gating: x · sigmoid(conv_expand(swish(conv_reduce(mean over H, W of x)))).
/// Port of rwightman/gen-efficientnet-pytorch efficientnet_builder.py::SqueezeExcite (gate_fn sigmoid, act swish).
/// </summary>
internal sealed class SqueezeExcite : Module, IForward
{
    readonly Conv2d _reduce, _expand;

    public SqueezeExcite(int channels, int reducedChannels)
    {
        _reduce = Register("conv_reduce", new Conv2d(channels, reducedChannels, 1));
        _expand = Register("conv_expand", new Conv2d(reducedChannels, channels, 1));
    }

    public Tensor Forward(Tensor x)
    {
        using var scope = DisposeScope.Begin();
        var pooled = x.Mean([2, 3], keepDim: true); // [B, C, 1, 1]
        var gate = _expand.Forward(_reduce.Forward(pooled).Silu_()).Sigmoid_();
        return scope.MoveToOuter(x.Mul(gate));
    }
}
