using Deforum.Torch;
using Deforum.Torch.Modules;

namespace Deforum.Models.Unet;

/// <summary>Stride-2 3×3 convolution. Port of CompVis/stable-diffusion openaimodel.py::Downsample (use_conv True).</summary>
internal sealed class Downsample : Module, IForward
{
    readonly Conv2d _op;

    public Downsample(int channels) => _op = Register("op", new Conv2d(channels, channels, 3, stride: 2, padding: 1));

    public Tensor Forward(Tensor x) => _op.Forward(x);
}
