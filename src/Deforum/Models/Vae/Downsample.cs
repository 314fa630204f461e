using Deforum.Torch;
using Deforum.Torch.Modules;

namespace Deforum.Models.Vae;

/// <summary>
/// Halves the resolution: zero-pad right and bottom by one, then a 3×3 stride-2 convolution without padding.
/// Port of CompVis/stable-diffusion ldm/modules/diffusionmodules/model.py::Downsample (with_conv True).
/// </summary>
internal sealed class Downsample : Module, IForward
{
    readonly Conv2d _conv;

    public Downsample(int channels) => _conv = Register("conv", new Conv2d(channels, channels, 3, stride: 2));

    public Tensor Forward(Tensor x)
    {
        using var scope = DisposeScope.Begin();
        return scope.MoveToOuter(_conv.Forward(F.Pad(x, [0, 1, 0, 1])));
    }
}
