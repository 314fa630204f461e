using Deforum.Torch;
using Deforum.Torch.Modules;

namespace Deforum.Models.Midas;

/// <summary>fc2(GELU(fc1(x))) with the exact (erf) GELU. Port of timm v0.6 models/layers/mlp.py::Mlp.</summary>
internal sealed class VitMlp : Module
{
    readonly Linear _fc1, _fc2;

    public VitMlp(int dim, int hidden)
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
