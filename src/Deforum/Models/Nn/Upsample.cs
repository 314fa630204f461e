using Deforum.Torch;
using Deforum.Torch.Modules;

namespace Deforum.Models.Nn;

/// <summary>
/// Nearest-neighbour ×2 then a 3×3 convolution, the upsampler of both the UNet and the VAE decoder.
/// Port of CompVis/stable-diffusion openaimodel.py::Upsample and model.py::Upsample (with conv).
/// </summary>
internal sealed class Upsample : Module, IForward
{
    readonly Conv2d _conv;

    public Upsample(int channels) => _conv = Register("conv", new Conv2d(channels, channels, 3, padding: 1));

    public Tensor Forward(Tensor x)
    {
        using var scope = DisposeScope.Begin();
        return scope.MoveToOuter(_conv.Forward(F.Interpolate(x, 2.0, InterpolateMode.Nearest)));
    }
}
