using Deforum.Models.Weights;
using Deforum.Torch;
using Deforum.Torch.Modules;

namespace Deforum.Models.EfficientNet;

/// <summary>
/// Bias-free convolution with TensorFlow's "SAME" padding: the output is ceil(input / stride), the total padding
/// max((ceil(i/s) − 1)·s + k − i, 0) per axis, the odd pixel on the right/bottom. With stride 1 and an odd kernel
/// that is the symmetric (k−1)/2 (gen-efficientnet then uses a plain nn.Conv2d); strided convolutions pad unevenly
/// for some sizes, so the padding is worked out per input. Weight [out, in/groups, k, k].
/// Port of rwightman/gen-efficientnet-pytorch conv2d_layers.py::conv2d_same / create_conv2d_pad.
/// </summary>
internal sealed class SameConv2d : Module, IForward, IDeclaresTensorShapes
{
    readonly int _in, _out, _kernel, _stride, _groups;

    public SameConv2d(int inChannels, int outChannels, int kernel, int stride = 1, int groups = 1)
    {
        (_in, _out, _kernel, _stride, _groups) = (inChannels, outChannels, kernel, stride, groups);
        Parameter("weight", outChannels, inChannels / groups, kernel, kernel);
    }

    public long[] ShapeOf(string name) => [_out, _in / _groups, _kernel, _kernel];

    public Tensor Forward(Tensor x)
    {
        var (top, bottom) = Padding(x.Size(2));
        var (left, right) = Padding(x.Size(3));
        if (top == bottom && left == right)
            return F.Conv2d(x, Get("weight"), null, (_stride, _stride), (top, left), (1, 1), _groups);
        using var scope = DisposeScope.Begin();
        var padded = F.Pad(x, [left, right, top, bottom]); // [B, C, H + top + bottom, W + left + right]
        return scope.MoveToOuter(F.Conv2d(padded, Get("weight"), null, (_stride, _stride), (0, 0), (1, 1), _groups));
    }

    (long Before, long After) Padding(long size)
    {
        long outSize = (size + _stride - 1) / _stride;
        long total = Math.Max((outSize - 1) * _stride + _kernel - size, 0);
        return (total / 2, total - total / 2);
    }
}
