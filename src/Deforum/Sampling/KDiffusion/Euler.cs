using Deforum.Torch;

namespace Deforum.Sampling.KDiffusion;

public static partial class KSamplers
{
    /// <summary>Euler (Karras et al. 2022, Algorithm 2 without churn). Port of k-diffusion sampling.py::sample_euler (v0.0.12 = 2022-08).</summary>
    public static Tensor Euler(IDenoiser model, Tensor x, IReadOnlyList<float> sigmas, SamplingContext context) =>
        Run(x, sigmas, context, (x, i) =>
        {
            DrawUnusedChurnNoise(x, context);
            float sigma = sigmas[i];
            var denoised = model.Denoise(x, sigma);
            var d = ToD(x, sigma, denoised);
            context.Report(x, i, sigma, sigma, denoised);
            x.Add_(d.Mul(sigmas[i + 1] - sigma));
        });
}
