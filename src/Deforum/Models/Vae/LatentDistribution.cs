using Deforum.Torch;

namespace Deforum.Models.Vae;


/// <summary>
/// The encoder's diagonal Gaussian over latents (not yet multiplied by scale_factor). Owns its tensors.
/// Port of CompVis/stable-diffusion ldm/modules/distributions/distributions.py::DiagonalGaussianDistribution.
/// </summary>
public sealed class LatentDistribution : IDisposable
{
    /// <summary>The reference clamps log-variance to keep exp() finite.</summary>
    const double LogVarMin = -30, LogVarMax = 20;

    /// <summary>moments [B, 2·z, h, w]; the distribution takes ownership.</summary>
    public LatentDistribution(Tensor moments)
    {
        using var scope = DisposeScope.Begin();
        var halves = moments.Chunk(2, dim: 1); // [B, 2z, h, w] → 2 × [B, z, h, w]
        Moments = DisposeScope.Detach(moments);
        Mean = DisposeScope.Detach(halves[0]);
        LogVar = DisposeScope.Detach(halves[1].Clamp(LogVarMin, LogVarMax));
        Std = DisposeScope.Detach((LogVar * 0.5).Exp());
    }

    public Tensor Moments { get; }
    public Tensor Mean { get; }
    public Tensor LogVar { get; }
    public Tensor Std { get; }

    /// <summary>
    /// mean + std · ε. Like the reference, ε is drawn in float32 on the CPU generator (the default one when
    /// <paramref name="generator"/> is null) and then moved to the latents' device, so seeded runs match it.
    /// </summary>
    public Tensor Sample(Generator? generator = null)
    {
        using var scope = DisposeScope.Begin();
        var noise = Tensor.Randn(Mean.Shape, generator, DType.Float32, generator?.Device ?? Device.Cpu).To(Mean.Device, Mean.DType);
        return scope.MoveToOuter(Mean + Std * noise);
    }

    public void Dispose()
    {
        Moments.Dispose();
        Mean.Dispose();
        LogVar.Dispose();
        Std.Dispose();
    }
}
