using Deforum.Torch;

namespace Deforum.Sampling.KDiffusion;

public static partial class KSamplers
{
    /// <summary>
    /// Ancestral DPM-2: a DPM-2 step down to σ_down, then fresh noise of σ_up.
    /// Port of k-diffusion sampling.py::sample_dpm_2_ancestral (v0.0.12: Euler and no draw when σ_down = 0).
    /// </summary>
    public static Tensor Dpm2Ancestral(IDenoiser model, Tensor x, IReadOnlyList<float> sigmas, SamplingContext context) =>
        Run(x, sigmas, context, (x, i) =>
        {
            float sigma = sigmas[i], next = sigmas[i + 1];
            var denoised = model.Denoise(x, sigma);
            var (down, up) = AncestralStep(sigma, next);
            context.Report(x, i, sigma, sigma, denoised);
            var d = ToD(x, sigma, denoised);
            x.Add_(MidpointDerivative(model, x, d, sigma, down, context.KDiffusion).Mul(down - sigma));
            AddAncestralNoise(x, down, up, context);
        });
}
