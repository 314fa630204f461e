using Deforum.Torch;

namespace Deforum.Animation.Depth;

/// <summary>
/// How the Forge fork's 3D warp turns a depth model's output into the z it projects with: z = factor·(eq·depth + offset),
/// eq = <see cref="Equalise"/> of the output, with (depth, factor, offset) chosen by depth_algorithm. An output with NaN
/// or ±∞, or a constant one, gives a flat z = 1 instead.
/// Port of Tok/sd-forge-deforum scripts/deforum_helpers/animation.py::transform_image_3d_new (depth part),
/// prepare_depth_tensor and depth_equalization.
/// </summary>
public static class WarpDepth
{
    /// <summary>depth_equalization's histogram: 1024 bins on [0, 1].</summary>
    const int Bins = 1024;

    /// <summary>transform_image_3d_new's (depth, depth_factor, depth_offset) for a depth_algorithm (matched as the fork does: case-insensitive prefixes).</summary>
    public static (double Depth, double Factor, double Offset) Scale(string depthAlgorithm)
    {
        ArgumentNullException.ThrowIfNull(depthAlgorithm);
        var name = depthAlgorithm.ToLowerInvariant();
        if (name.StartsWith("midas", StringComparison.Ordinal)) return (1, -1, -2);            // inverse depth: z = 2 − eq
        if (name.StartsWith("depth-anything", StringComparison.Ordinal)) return (1, -1, -2.3); // disparity: z = 2.3 − eq
        if (name is "adabins" or "leres" or "zoe") return (1, 1, 1);                           // metric depth: z = 1 + eq
        throw new ArgumentException($"depth_algorithm '{depthAlgorithm}' has no 3D depth mapping in transform_image_3d_new", nameof(depthAlgorithm));
    }

    /// <summary>
    /// The warp's z for a model output of any shape (float32, same shape), or null when the output is invalid (NaN,
    /// ±∞ or constant) and the frame is warped flat. Computed on the host, the result on the output's device.
    /// </summary>
    public static Tensor? ToZ(Tensor depth, string depthAlgorithm)
    {
        ArgumentNullException.ThrowIfNull(depth);
        var (scale, factor, offset) = Scale(depthAlgorithm);
        var eq = Equalise(HostImage.Read<float>(depth));
        if (eq is null) return null;
        var z = new float[eq.Length];
        for (int i = 0; i < z.Length; i++)
        {
            double d = eq[i] * scale + offset;
            if (factor != 1) d *= factor;
            z[i] = (float)d;
        }
        return HostImage.Write(z, depth.Shape, depth.Device);
    }

    /// <summary>
    /// prepare_depth_tensor: min-max to [0, 1] in float32, then histogram equalisation — bin = min(⌊v·1024⌋, 1023),
    /// cdf / cdf[−1], and np.interp(v, bin left edges, cdf) in float64. Null for NaN, ±∞ or a constant map.
    /// </summary>
    public static double[]? Equalise(float[] depth)
    {
        ArgumentNullException.ThrowIfNull(depth);
        if (depth.Length == 0 || depth.Any(v => !float.IsFinite(v))) return null;
        float min = depth.Min(), max = depth.Max();
        if (min == max) return null;
        float range = max - min;
        var unit = depth.Select(v => (v - min) / range).ToArray();
        var cdf = new double[Bins];
        foreach (var v in unit) cdf[Math.Min((int)(v * Bins), Bins - 1)]++;
        for (int b = 1; b < Bins; b++) cdf[b] += cdf[b - 1];
        double total = cdf[^1];
        for (int b = 0; b < Bins; b++) cdf[b] /= total;
        return unit.Select(v => Interp(v, cdf)).ToArray();
    }

    /// <summary>np.interp(x, [0, 1/1024, …, 1023/1024], cdf): linear between bin edges, cdf[1023] from the last edge on.</summary>
    static double Interp(double x, double[] cdf)
    {
        const double Step = 1.0 / Bins;
        int j = (int)Math.Floor(x * Bins);
        if (j >= Bins - 1) return cdf[Bins - 1];
        double left = j * Step;
        if (x == left) return cdf[j];
        double slope = (cdf[j + 1] - cdf[j]) / Step;
        return slope * (x - left) + cdf[j];
    }
}
