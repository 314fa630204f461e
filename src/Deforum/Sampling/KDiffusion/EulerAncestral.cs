using Deforum.Torch;

namespace Deforum.Sampling.KDiffusion;

public static partial class KSamplers
{
    /// <summary>
    /// Ancestral Euler: an Euler step down to σ_down, then fresh noise of σ_up.
    /// Port of k-diffusion sampling.py::sample_euler_ancestral (v0.0.12: no draw on the last step; 2022-08: always).
    /// </summary>
    public static Tensor EulerAncestral(IDenoiser model, Tensor x, IReadOnlyList<float> sigmas, SamplingContext context) =>
        Run(x, sigmas, context, (x, i) =>
        {
            float sigma = sigmas[i], next = sigmas[i + 1];
            var denoised = model.Denoise(x, sigma);
            var (down, up) = AncestralStep(sigma, next);
            context.Report(x, i, sigma, sigma, denoised);
            // d after the callback: it sees a mask-edited x.
            x.Add_(ToD(x, sigma, denoised).Mul(down - sigma));
            AddAncestralNoise(x, next, up, context);
        });

    static void AddAncestralNoise(Tensor x, float next, float up, SamplingContext context)
    {
        if (context.KDiffusion == KDiffusionVersion.V0012 && !(next > 0)) return;
        x.Add_(context.Noise.RandnLike(x).Mul(up));
    }
}
