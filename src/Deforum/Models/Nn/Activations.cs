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
