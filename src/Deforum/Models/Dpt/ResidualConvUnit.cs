using Deforum.Torch;
using Deforum.Torch.Modules;

namespace Deforum.Models.Dpt;

/// <summary>
/// x + conv2(relu(conv1(relu(x)))), 3×3 convolutions at constant width, no batch norm; the first ReLU is not in
/// place, so the skip adds the unactivated input. Port of DepthAnything/Depth-Anything-V2
/// depth_anything_v2/util/blocks.py::ResidualConvUnit (bn=False) = deforum-stable-diffusion src/midas/blocks.py::ResidualConvUnit_custom.
/// </summary>
internal sealed class ResidualConvUnit : Module
{
    readonly Conv2d _conv1, _conv2;

    public ResidualConvUnit(int features)
    {
        _conv1 = Register("conv1", new Conv2d(features, features, 3, padding: 1));
        _conv2 = Register("conv2", new Conv2d(features, features, 3, padding: 1));
    }

    public Tensor Forward(Tensor x)
    {
        using var scope = DisposeScope.Begin();
        var h = Chain.Run(x, t => t.Relu(), _conv1.Forward, t => t.Relu_(), _conv2.Forward);
        return scope.MoveToOuter(h.Add_(x));
    }
}
