using Deforum.Torch;
using Deforum.Torch.Modules;

namespace Deforum.Models.Nn;

/// <summary>
/// The ViT block's MLP, fc2(GELU(fc1(x))) with the exact (erf) GELU: one module for MiDaS's timm ViT-L and
/// Depth-Anything-V2's DINOv2. Port of timm v0.6 models/layers/mlp.py::Mlp (= depth_anything_v2/dinov2_layers/mlp.py::Mlp).
/// </summary>
internal sealed class Mlp : Module
{
    readonly Linear _fc1, _fc2;

    public Mlp(int dim, int hidden)
    {
        _fc1 = Register("fc1", new Linear(dim, hidden));
        _fc2 = Register("fc2", new Linear(hidden, dim));
    }

    public Tensor Forward(Tensor x)
    {
        using var scope = DisposeScope.Begin();
        return scope.MoveToOuter(Chain.Run(x, _fc1.Forward, h => F.Gelu(h), _fc2.Forward));
    }
}
