using Deforum.Torch;

namespace Deforum.Sampling.KDiffusion;

public static partial class KSamplers
{
    /// <summary>
    /// DPM-Solver-Fast over Deforum's σ list: σ_max = the first σ, σ_min = the smallest non-zero one, n = the list's
    /// steps (<see cref="DpmFast(IDenoiser, Tensor, IReadOnlyList{float}, int, SamplingContext)"/> takes Deforum's n).
    /// </summary>
    public static Tensor DpmFast(IDenoiser model, Tensor x, IReadOnlyList<float> sigmas, SamplingContext context) =>
        DpmFast(model, x, sigmas, sigmas.Count - 1, context);

    /// <summary>DPM-Solver-Fast over Deforum's σ list with n model calls; x unchanged when the list has no non-zero σ.</summary>
    public static Tensor DpmFast(IDenoiser model, Tensor x, IReadOnlyList<float> sigmas, int n, SamplingContext context) =>
        DpmSolverRange(sigmas) is (float min, float max) ? DpmFast(model, x, min, max, n, context) : x.Clone();

    /// <summary>
    /// DPM-Solver-Fast (Lu et al. 2022): exactly n model calls over ⌊n/3⌋ + 1 steps uniform in t = −log σ from σ_max
    /// down to σ_min (not to 0: the result keeps σ_min of noise), third-order steps but for the last one or two
    /// (<see cref="DpmFastOrders"/>). Each step reports x, σ of its start and x − σ·ε before its update.
    /// Port of k-diffusion v0.0.12 sampling.py::sample_dpm_fast (η = 0, so the randn_like(x) it adds times 0
    /// after every step is drawn and dropped).
    /// </summary>
    public static Tensor DpmFast(IDenoiser model, Tensor x, float sigmaMin, float sigmaMax, int n, SamplingContext context)
    {
        CheckDpmSolverRange(sigmaMin, sigmaMax);
        var orders = DpmFastOrders(n);
        double tStart = TimeAt(sigmaMax), tEnd = TimeAt(sigmaMin);
        // torch.linspace(t_start, t_end, m + 1): both ends exact.
        double T(int i) => i == orders.Length ? tEnd : tStart + (tEnd - tStart) * i / orders.Length;
        using var run = DisposeScope.Begin();
        var current = x.Clone();
        for (int i = 0; i < orders.Length; i++)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            using var stepScope = DisposeScope.Begin();
            var step = new DpmSolverStep(model, current, T(i), T(i + 1));
            context.Report(current, i, step.Sigma, step.Sigma, step.Denoised);
            current.Copy_(orders[i] switch { 1 => step.First(), 2 => step.Second(), _ => step.Third() });
            context.Noise.RandnLike(current).Dispose();
        }
        return run.MoveToOuter(current);
    }

    /// <summary>
    /// The order of each dpm_fast step, summing to n: m = ⌊n/3⌋ + 1 steps, [3, …, 3, 2, 1] when 3 divides n, else
    /// [3, …, 3, n mod 3] (n = 6 → 3, 2, 1; 7 → 3, 3, 1; 8 → 3, 3, 2).
    /// </summary>
    public static int[] DpmFastOrders(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        int m = n / 3 + 1;
        return n % 3 == 0 ? [.. Enumerable.Repeat(3, m - 2), 2, 1] : [.. Enumerable.Repeat(3, m - 1), n % 3];
    }
}
