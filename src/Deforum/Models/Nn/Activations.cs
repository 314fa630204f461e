using Deforum.Torch;
using Deforum.Torch.Modules;

namespace Deforum.Models.Nn;

/// <summary>nn.SiLU: parameter-free, registered so that the layers after it keep the reference's Sequential indices.</summary>
internal sealed class SiLU : Module, IForward
{
    public Tensor Forward(Tensor x) => F.Silu(x);
}

/// <summary>nn.Dropout at inference (the identity); holds its Sequential index like SiLU.</summary>
internal sealed class Dropout : Module, IForward
{
    public Tensor Forward(Tensor x) => x;
}

/// <summary>nn.LeakyReLU (negative slope 0.01): x for x ≥ 0, 0.01·x below (max(x, 0.01·x) is the same for a slope under 1).</summary>
internal sealed class LeakyReLU : Module, IForward
{
    const double NegativeSlope = 0.01;

    public Tensor Forward(Tensor x)
    {
        using var scope = DisposeScope.Begin();
        return scope.MoveToOuter(x.Maximum(x.Mul(NegativeSlope)));
    }
}

/// <summary>nn.Softmax over one dimension, holding its Sequential index like SiLU.</summary>
internal sealed class Softmax(long dim) : Module, IForward
{
    public Tensor Forward(Tensor x) => F.Softmax(x, dim);
}

/// <summary>nn.ReLU: parameter-free; holds its Sequential index like SiLU.</summary>
internal sealed class ReLU : Module, IForward
{
    public Tensor Forward(Tensor x) => x.Relu();
}

/// <summary>nn.Identity: holds a Sequential or ModuleList index where the reference has a layer without weights.</summary>
internal sealed class Identity : Module, IForward
{
    public Tensor Forward(Tensor x) => x;
}

/// <summary>nn.GELU (exact, erf form): parameter-free; holds its Sequential index like SiLU.</summary>
internal sealed class Gelu : Module, IForward
{
    public Tensor Forward(Tensor x) => F.Gelu(x);
}
