using Deforum.Torch;

namespace Deforum.Sampling.KDiffusion;

public static partial class KSamplers
{
    /// <summary>
    /// DPM-Solver-2 (Karras et al. 2022, Algorithm 2 "DPM2" variant): the derivative at a midpoint σ_mid carries the
    /// whole step. Port of k-diffusion sampling.py::sample_dpm_2 (v0.0.12: Euler on the last step; 2022-08: midpoint σ/8).
    /// </summary>
    public static Tensor Dpm2(IDenoiser model, Tensor x, IReadOnlyList<float> sigmas, SamplingContext context) =>
        Run(x, sigmas, context, (x, i) =>
        {
            DrawUnusedChurnNoise(x, context);
            float sigma = sigmas[i], next = sigmas[i + 1];
            var denoised = model.Denoise(x, sigma);
            var d = ToD(x, sigma, denoised);
            context.Report(x, i, sigma, sigma, denoised);
            x.Add_(MidpointDerivative(model, x, d, sigma, next, context.KDiffusion).Mul(next - sigma));
        });

    /// <summary>The derivative a DPM-2 step applies over [σ, target]: d itself for an Euler step (v0.0.12 at target 0), else d at the midpoint.</summary>
    static Tensor MidpointDerivative(IDenoiser model, Tensor x, Tensor d, float sigma, float target, KDiffusionVersion version)
    {
        if (version == KDiffusionVersion.V0012 && target == 0) return d;
        float mid = Midpoint(sigma, target, version);
        var x2 = x.Add(d.Mul(mid - sigma));
        return ToD(x2, mid, model.Denoise(x2, mid));
    }
}
