using Deforum.Torch;

namespace Deforum.Sampling.KDiffusion;

public static partial class KSamplers
{
    /// <summary>
    /// DPM-Solver++(2S) ancestral (Lu et al. 2022): a second-order single-step solver in log-σ time down to σ_down,
    /// its intermediate evaluation at the log-midpoint √(σ·σ_down), then fresh noise of σ_up; an Euler step where
    /// σ_down is 0. Port of k-diffusion v0.0.12 sampling.py::sample_dpmpp_2s_ancestral (η = 1; no 2022-08
    /// counterpart, so no draw on the last step whatever the version).
    /// </summary>
    public static Tensor DpmPlusPlus2SAncestral(IDenoiser model, Tensor x, IReadOnlyList<float> sigmas, SamplingContext context) =>
        Run(x, sigmas, context, (x, i) =>
        {
            float sigma = sigmas[i], next = sigmas[i + 1];
            var denoised = model.Denoise(x, sigma);
            var (down, up) = AncestralStep(sigma, next);
            context.Report(x, i, sigma, sigma, denoised);
            if (down == 0)
            {
                x.Add_(ToD(x, sigma, denoised).Mul(down - sigma));
            }
            else
            {
                // t = −log σ, h = t_down − t, s = t + h/2: x₂ = (σ_s/σ)·x − expm1(−h/2)·D, x ← (σ_down/σ)·x − expm1(−h)·D(x₂, σ_s).
                double h = Math.Log(sigma) - Math.Log(down);
                float sigmaMid = (float)Math.Exp(Math.Log(sigma) - h / 2);
                var x2 = x.Mul(sigmaMid / (double)sigma).Sub(denoised.Mul(double.ExpM1(-h / 2)));
                var denoised2 = model.Denoise(x2, sigmaMid);
                x.Copy_(x.Mul(down / (double)sigma).Sub(denoised2.Mul(double.ExpM1(-h))));
            }
            if (next > 0) x.Add_(context.Noise.RandnLike(x).Mul(up));
        });
}
