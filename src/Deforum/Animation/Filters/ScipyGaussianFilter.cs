namespace Deforum.Animation.Filters;

/// <summary>
/// Reproduces SciPy ndimage.gaussian_filter on a 2-D float plane (ndimage/filters.py): separable correlation along
/// rows' axis 0 then axis 1, weights exp(−x²/2σ²) normalised, radius int(4σ + 0.5), mode 'reflect' (edge sample
/// repeated), each pass stored as float32 like the float32 array the original filters.
/// </summary>
internal static class ScipyGaussianFilter
{
    const double Truncate = 4.0;

    public static float[] Filter(float[] plane, int h, int w, double sigma)
    {
        if (sigma <= 0) return (float[])plane.Clone();
        var weights = Weights(sigma);
        var vertical = Pass(plane, h, w, weights, alongRows: false);
        return Pass(vertical, h, w, weights, alongRows: true);
    }

    static double[] Weights(double sigma)
    {
        int radius = (int)(Truncate * sigma + 0.5);
        var k = new double[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++)
        {
            k[i + radius] = Math.Exp(-0.5 / (sigma * sigma) * i * i);
            sum += k[i + radius];
        }
        for (int i = 0; i < k.Length; i++) k[i] /= sum;
        return k;
    }

    static float[] Pass(float[] src, int h, int w, double[] k, bool alongRows)
    {
        int radius = k.Length / 2;
        var dst = new float[src.Length];
        int len = alongRows ? w : h;
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                double s = 0;
                int p = alongRows ? x : y;
                for (int t = -radius; t <= radius; t++)
                {
                    int q = Reflect(p + t, len);
                    s += k[t + radius] * src[alongRows ? y * w + q : q * w + x];
                }
                dst[y * w + x] = (float)s;
            }
        return dst;
    }

    /// <summary>SciPy 'reflect': dcba|abcd|dcba.</summary>
    static int Reflect(int p, int len)
    {
        int period = 2 * len;
        p %= period;
        if (p < 0) p += period;
        return p < len ? p : period - 1 - p;
    }
}
