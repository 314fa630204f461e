using Deforum.Torch;

namespace Deforum.Sampling;

/// <summary>
/// Pastes the init image back over the decoded image where the mask is white (algorithms.md §9.5; 0.4-late/0.5
/// `overlay_mask`): only the pixels equal to the mask's maximum survive binarisation, then a Gaussian blur softens
/// the seam, then out = original·m + decoded·(1 − m) in [-1, 1].
/// </summary>
public static class MaskOverlay
{
    /// <summary>scipy.ndimage.gaussian_filter's default kernel extent, in standard deviations.</summary>
    const double Truncate = 4.0;

    /// <summary>
    /// The overlay mask from a prepared full-resolution mask plane (§9.2 at W×H, values in [0, 1]).
    /// Port of Deforum 0.4-late/0.5 generate()'s overlay_mask step (binarise at the maximum, scipy.ndimage.gaussian_filter).
    /// </summary>
    /// <returns>[batch, 3, H, W]</returns>
    public static Tensor Prepare(ReadOnlySpan<float> plane, int height, int width, double blurSigma, int batch, Device? device = null)
    {
        if (plane.Length != height * width) throw new ArgumentException($"{plane.Length} mask values for {width}×{height}", nameof(plane));
        var m = Binarize(plane);
        if (blurSigma > 0) m = GaussianBlur(m, height, width, blurSigma);
        using var scope = DisposeScope.Begin();
        var single = Tensor.From<float>(m, [1, 1, height, width]);  // [1, 1, H, W]
        return scope.MoveToOuter(single.Expand(batch, 3, height, width).Contiguous().To(device ?? Device.Cpu));  // [B, 3, H, W]
    }

    /// <summary>Every value below the global maximum becomes 0; the maximal ones keep their value (quirk 18).</summary>
    public static float[] Binarize(ReadOnlySpan<float> plane)
    {
        float max = float.NegativeInfinity;
        foreach (var v in plane) max = MathF.Max(max, v);
        var result = plane.ToArray();
        for (int i = 0; i < result.Length; i++)
            if (result[i] < max) result[i] = 0;
        return result;
    }

    /// <summary>
    /// scipy.ndimage.gaussian_filter on a float32 plane: separable passes (rows, then columns) with weights
    /// exp(−x²/2σ²) normalised over radius int(4σ + 0.5), "reflect" borders (edge sample repeated), float64
    /// accumulation rounded to float32 after each pass.
    /// </summary>
    public static float[] GaussianBlur(float[] plane, int height, int width, double sigma)
    {
        int radius = (int)(Truncate * sigma + 0.5);
        var weights = Enumerable.Range(-radius, 2 * radius + 1).Select(x => Math.Exp(-0.5 / (sigma * sigma) * x * x)).ToArray();
        double total = weights.Sum();
        for (int k = 0; k < weights.Length; k++) weights[k] /= total;
        var vertical = Pass(plane, height, width, weights, alongRows: true);
        return Pass(vertical, height, width, weights, alongRows: false);
    }

    static float[] Pass(float[] src, int height, int width, double[] weights, bool alongRows)
    {
        int radius = weights.Length / 2, n = alongRows ? height : width;
        var dst = new float[src.Length];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                double sum = 0;
                for (int k = -radius; k <= radius; k++)
                {
                    int j = Reflect((alongRows ? y : x) + k, n);
                    sum += weights[k + radius] * src[alongRows ? j * width + x : y * width + j];
                }
                dst[y * width + x] = (float)sum;
            }
        return dst;
    }

    // "reflect" (d c b a | a b c d | d c b a), periodic with period 2n for offsets beyond one reflection.
    static int Reflect(int i, int n)
    {
        int period = 2 * n;
        int r = ((i % period) + period) % period;
        return r < n ? r : period - 1 - r;
    }

    /// <summary>original·m + decoded·(1 − m), images [B, 3, H, W] in [-1, 1], mask [B, 3, H, W] in [0, 1].</summary>
    public static Tensor Apply(Tensor original, Tensor decoded, Tensor mask)
    {
        using var scope = DisposeScope.Begin();
        return scope.MoveToOuter(original.Mul(mask).Add(decoded.Mul(mask.Neg().Add(1))));
    }
}
