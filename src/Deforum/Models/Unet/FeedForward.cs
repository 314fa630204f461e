using Deforum.Models.Nn;
using Deforum.Torch;
using Deforum.Torch.Modules;

namespace Deforum.Models.Unet;

/// <summary>Gated GELU projection: x·gelu(gate), both halves of one linear layer. Port of CompVis/stable-diffusion attention.py::GEGLU.</summary>
internal sealed class Geglu : Module, IForward
{
    readonly Linear _proj;

    public Geglu(int dimIn, int dimOut) => _proj = Register("proj", new Linear(dimIn, dimOut * 2));

    public Tensor Forward(Tensor x)
    {
        using var scope = DisposeScope.Begin();
        var halves = _proj.Forward(x).Chunk(2, dim: -1); // [B, N, 2·D_out] → 2 × [B, N, D_out]
        return scope.MoveToOuter(F.Gelu(halves[1]).Mul_(halves[0]));
    }
}

/// <summary>The transformer MLP (GEGLU, 4× width). Port of CompVis/stable-diffusion attention.py::FeedForward (glu True).</summary>
internal sealed class FeedForward : Module, IForward
{
    const int Mult = 4;

    readonly Sequential _net;

    public FeedForward(int dim) => _net = Register("net", new Sequential(new Geglu(dim, dim * Mult), new Dropout(), new Linear(dim * Mult, dim)));

    public Tensor Forward(Tensor x) => _net.Forward(x);
}
