using Deforum.Torch;
using Deforum.Torch.Modules;

namespace Deforum.Models.Midas;

/// <summary>A parameter-free resize by a scale factor inside an nn.Sequential. Port of deforum-stable-diffusion src/midas/blocks.py::Interpolate.</summary>
internal sealed class Interpolate(double scaleFactor, InterpolateMode mode, bool alignCorners) : Module, IForward
{
    public Tensor Forward(Tensor x) => F.Interpolate(x, scaleFactor, mode, alignCorners);
}
