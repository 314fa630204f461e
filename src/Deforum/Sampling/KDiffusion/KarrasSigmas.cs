using Deforum.Torch;

namespace Deforum.Sampling.KDiffusion;


/// <summary>
/// The noise levels of Karras et al. (2022), eq. 5: σ_i = (σ_max^{1/ρ} + i/(n−1)·(σ_min^{1/ρ} − σ_max^{1/ρ}))^ρ, then 0.
/// Port of k-diffusion v0.0.12 sampling.py::get_sigmas_karras.
/// </summary>
public static class KarrasSigmas
{
    public const double DefaultRho = 7.0;

    public static float[] Get(int n, double sigmaMin, double sigmaMax, double rho = DefaultRho)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "steps must be at least 1");
        if (!(sigmaMin > 0 && sigmaMax > sigmaMin)) throw new ArgumentException($"need 0 < σ_min < σ_max (got {sigmaMin}, {sigmaMax})");
        float[] ramp;
        using (var scope = DisposeScope.Begin())
            ramp = Tensor.Linspace(0, 1, n).ToArray<float>();
        double minInvRho = Math.Pow(sigmaMin, 1 / rho), maxInvRho = Math.Pow(sigmaMax, 1 / rho);
        return [.. ramp.Select(r => (float)Math.Pow(maxInvRho + r * (minInvRho - maxInvRho), rho)), 0f];
    }

    /// <summary>Karras levels spanning the model's own table (what later Deforum's "Karras" option feeds the samplers).</summary>
    public static float[] For(DiscreteSchedule schedule, int n, double rho = DefaultRho) => Get(n, schedule.SigmaMin, schedule.SigmaMax, rho);
}
