using Deforum.Torch;

namespace Deforum.Sampling.KDiffusion;

public static partial class KSamplers
{
    /// <summary>
    /// DPM-Solver++(2M) (Lu et al. 2022): second-order multistep in log-σ time using the previous denoised estimate.
    /// Port of k-diffusion v0.0.12 sampling.py::sample_dpmpp_2m (no 2022-08 counterpart; draws no noise).
    /// </summary>
    public static Tensor DpmPlusPlus2M(IDenoiser model, Tensor x, IReadOnlyList<float> sigmas, SamplingContext context)
    {
        Tensor? previous = null;  // lives in the run's scope
        return Run(x, sigmas, context, (x, i) =>
        {
            float sigma = sigmas[i], next = sigmas[i + 1];
            var denoised = model.Denoise(x, sigma);
            context.Report(x, i, sigma, sigma, denoised);
            // With t = −log σ and h = t_next − t: x ← (σ_next/σ)·x − expm1(−h)·D'. At σ_next = 0, h = ∞ and x ← D'.
            double h = Math.Log(sigma) - Math.Log(next);
            var target = previous is null || next == 0
                ? denoised
                : SecondOrderDenoised(denoised, previous, h, Math.Log(sigmas[i - 1]) - Math.Log(sigma));
            x.Copy_(x.Mul(next / sigma).Sub(target.Mul(double.ExpM1(-h))));
            previous?.Dispose();
            previous = DisposeScope.Current!.MoveToOuter(denoised);
        });
    }

    /// <summary>D' = (1 + 1/(2r))·D − 1/(2r)·D_prev with r = h_last/h.</summary>
    static Tensor SecondOrderDenoised(Tensor denoised, Tensor previous, double h, double hLast)
    {
        double r = hLast / h;
        return denoised.Mul(1 + 1 / (2 * r)).Sub(previous.Mul(1 / (2 * r)));
    }
}
