using Deforum.Torch;

namespace Deforum.Sampling;

/// <summary>
/// The hidden per-step clamps of Deforum's sampler callback (algorithms.md §9.4), applied to the noisy latent in
/// place before the mask. Port of Deforum v0.4 helpers/k_samplers.py::dynamic_thresholding_ and its static clamp.
/// </summary>
public static class Thresholding
{
    /// <summary>
    /// Imagen-style dynamic thresholding: s = max(1, max over the batch of the per-sample percentile of |x|), then
    /// x ← clamp(x, −s, s)/s. Percentiles interpolate linearly between order statistics, as numpy.percentile.
    /// </summary>
    /// <param name="x">[B, ...], edited in place.</param>
    /// <param name="percentile">0 … 100.</param>
    public static void Dynamic(Tensor x, double percentile)
    {
        if (!(percentile >= 0 && percentile <= 100)) throw new ArgumentOutOfRangeException(nameof(percentile), percentile, "the percentile must be within 0 … 100");
        using var scope = DisposeScope.Begin();
        long batch = x.Size(0);
        var magnitudes = x.Abs().Reshape(batch, -1).To(Device.Cpu, DType.Float32).ToArray<float>();  // [B, N]
        int per = magnitudes.Length / (int)batch;
        double s = 1.0;
        for (int b = 0; b < batch; b++)
            s = Math.Max(s, Percentile(magnitudes.AsSpan(b * per, per), percentile));
        x.Copy_(x.Clamp(-s, s).Div(s));
    }

    /// <summary>x ← clamp(x, −v, v).</summary>
    public static void Static(Tensor x, double value)
    {
        using var scope = DisposeScope.Begin();
        x.Copy_(x.Clamp(-value, value));
    }

    /// <summary>numpy.percentile's default "linear" method.</summary>
    public static double Percentile(ReadOnlySpan<float> values, double percentile)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        double rank = percentile / 100 * (sorted.Length - 1);
        int low = (int)Math.Floor(rank), high = Math.Min(low + 1, sorted.Length - 1);
        double t = rank - low, a = sorted[low], b = sorted[high];
        // numpy's _lerp evaluates from the nearer end for t ≥ 0.5, which keeps the result monotone.
        return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;
    }
}
