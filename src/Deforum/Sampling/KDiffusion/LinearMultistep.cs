namespace Deforum.Sampling.KDiffusion;

/// <summary>
/// Coefficients of the linear multistep (LMS) sampler: the integral over [σ_i, σ_{i+1}] of the Lagrange basis
/// polynomial of history point j. Port of k-diffusion sampling.py::linear_multistep_coeff (same in both versions).
/// </summary>
public static class LinearMultistep
{
    public const int DefaultOrder = 4;

    /// <summary>The relative tolerance the original passes to scipy.integrate.quad.</summary>
    public const double QuadRelativeTolerance = 1e-4;

    public static double Coefficient(int order, IReadOnlyList<float> sigmas, int i, int j)
    {
        if (order - 1 > i) throw new ArgumentOutOfRangeException(nameof(order), order, $"order {order} needs {order - 1} earlier steps; step {i} has {i}");
        double Basis(double tau)
        {
            double prod = 1;
            for (int k = 0; k < order; k++)
                if (k != j) prod *= (tau - sigmas[i - k]) / ((double)sigmas[i - j] - sigmas[i - k]);
            return prod;
        }
        return GaussKronrod.Integrate(Basis, sigmas[i], sigmas[i + 1], QuadRelativeTolerance);
    }

    /// <summary>The coefficients of step i, newest derivative first, at order min(i + 1, maxOrder).</summary>
    public static double[] StepCoefficients(IReadOnlyList<float> sigmas, int i, int maxOrder = DefaultOrder)
    {
        int order = Math.Min(i + 1, maxOrder);
        return Enumerable.Range(0, order).Select(j => Coefficient(order, sigmas, i, j)).ToArray();
    }
}
