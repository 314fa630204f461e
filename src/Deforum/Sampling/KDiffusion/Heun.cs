using Deforum.Torch;

namespace Deforum.Sampling.KDiffusion;

public static partial class KSamplers
{
    /// <summary>Heun's second-order method (Karras et al. 2022, Algorithm 2), Euler on the last step. Port of k-diffusion sampling.py::sample_heun.</summary>
    public static Tensor Heun(IDenoiser model, Tensor x, IReadOnlyList<float> sigmas, SamplingContext context) =>
        Run(x, sigmas, context, (x, i) =>
        {
            DrawUnusedChurnNoise(x, context);
            float sigma = sigmas[i], next = sigmas[i + 1];
            var denoised = model.Denoise(x, sigma);
            var d = ToD(x, sigma, denoised);
            context.Report(x, i, sigma, sigma, denoised);
            float dt = next - sigma;
            if (next == 0)
            {
                x.Add_(d.Mul(dt));
                return;
            }
            var x2 = x.Add(d.Mul(dt));
            var d2 = ToD(x2, next, model.Denoise(x2, next));
            x.Add_(d.Add(d2).Div(2).Mul(dt));
        });
}
