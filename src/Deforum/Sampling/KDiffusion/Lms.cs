using Deforum.Torch;

namespace Deforum.Sampling.KDiffusion;

public static partial class KSamplers
{
    /// <summary>
    /// Linear multistep of order 4 over the last derivatives, coefficients by quadrature of the Lagrange basis.
    /// Port of k-diffusion sampling.py::sample_lms (same in v0.0.12 and 2022-08).
    /// </summary>
    public static Tensor Lms(IDenoiser model, Tensor x, IReadOnlyList<float> sigmas, SamplingContext context)
    {
        var history = new Queue<Tensor>();  // newest last, as the original's ds list; lives in the run's scope
        return Run(x, sigmas, context, (x, i) =>
        {
            float sigma = sigmas[i];
            var denoised = model.Denoise(x, sigma);
            history.Enqueue(DisposeScope.Current!.MoveToOuter(ToD(x, sigma, denoised)));
            if (history.Count > LinearMultistep.DefaultOrder) history.Dequeue().Dispose();
            context.Report(x, i, sigma, sigma, denoised);
            var coefficients = LinearMultistep.StepCoefficients(sigmas, i);
            var newestFirst = history.Reverse().ToArray();
            // sum(coeff * d) is accumulated before it is added to x, as Python's sum() does.
            var sum = newestFirst[0].Mul(coefficients[0]);
            for (int j = 1; j < coefficients.Length; j++) sum = sum.Add(newestFirst[j].Mul(coefficients[j]));
            x.Add_(sum);
        });
    }
}
