using Deforum.Torch;
using Deforum.Torch.Modules;

namespace Deforum.Models.Nn;

/// <summary>
/// GroupNorm evaluated in float32 whatever the model dtype, then cast back.
/// Port of CompVis/stable-diffusion ldm/modules/diffusionmodules/util.py::GroupNorm32 (the UNet's normalization).
/// </summary>
internal sealed class GroupNorm32 : Module, IForward
{
    public GroupNorm32(long numGroups, long numChannels, double eps)
    {
        (NumGroups, NumChannels, Eps) = (numGroups, numChannels, eps);
        Parameter("weight");
        Parameter("bias");
    }

    public long NumGroups { get; }
    public long NumChannels { get; }
    public double Eps { get; }

    public Tensor Forward(Tensor x)
    {
        if (x.DType == DType.Float32) return F.GroupNorm(x, NumGroups, Get("weight"), Get("bias"), Eps);
        using var scope = DisposeScope.Begin();
        var y = F.GroupNorm(x.To(DType.Float32), NumGroups, Get("weight").To(DType.Float32), Get("bias").To(DType.Float32), Eps);
        return scope.MoveToOuter(y.To(x.DType));
    }
}
