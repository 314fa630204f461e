using Deforum.Models.Nn;
using Deforum.Torch;
using Deforum.Torch.Modules;

namespace Deforum.Models.Midas;

/// <summary>
/// DPT's readout "project": every patch token is concatenated with the class token and projected back to D with a
/// GELU, so the global token reaches each position. Port of deforum-stable-diffusion src/midas/vit.py::ProjectReadout.
/// </summary>
internal sealed class ProjectReadout : Module
{
    readonly Sequential _project;

    public ProjectReadout(int dim) => _project = Register("project", new Sequential(new Linear(2 * dim, dim), new Gelu()));

    /// <summary>tokens [B, 1 + N, D] → [B, N, D].</summary>
    public Tensor Forward(Tensor tokens)
    {
        using var scope = DisposeScope.Begin();
        long b = tokens.Size(0), n = tokens.Size(1) - 1, d = tokens.Size(2);
        var patches = tokens.Narrow(1, 1, n);                                // [B, N, D]
        var readout = tokens.Narrow(1, 0, 1).Expand(b, n, d);                // [B, N, D]
        return scope.MoveToOuter(_project.Forward(Tensor.Cat([patches, readout], -1))); // [B, N, 2D] → [B, N, D]
    }
}
