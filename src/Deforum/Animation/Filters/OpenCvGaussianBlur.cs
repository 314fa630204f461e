namespace Deforum.Animation.Filters;

/// <summary>
/// Reproduces OpenCV 4.6 GaussianBlur on float64 images (imgproc/smooth.dispatch.cpp + filter.simd.hpp): the
/// getGaussianKernel weights (<see cref="OpenCvGaussianKernel"/>), a row pass summed left to right, then a symmetric
/// column pass (centre, then mirrored pairs), BORDER_REFLECT_101, sigmaY = sigmaX. Its AVX2 build contracts every
/// accumulation after the first product into a fused multiply-add (measured against cv2 4.6); plain sums differ in
/// the last bit, which moves the unsharp mask's round-half-even at ties.
/// </summary>
internal static class OpenCvGaussianBlur
{
    public static double[] Blur(double[] src, int h, int w, int c, int ksize, double sigma)
    {
        if (ksize < 1 || ksize % 2 == 0) throw new ArgumentException($"kernel size must be odd and positive; got {ksize}");
        var k = OpenCvGaussianKernel.Kernel(ksize, sigma);
        int r = ksize / 2;
        var rows = new double[src.Length];
        RowParallel.For(h, y =>
        {
            for (int x = 0; x < w; x++)
                for (int ch = 0; ch < c; ch++)
                {
                    double s = k[0] * src[(y * w + Reflect101(x - r, w)) * c + ch];
                    for (int t = 1; t < ksize; t++)
                        s = Math.FusedMultiplyAdd(k[t], src[(y * w + Reflect101(x - r + t, w)) * c + ch], s);
                    rows[(y * w + x) * c + ch] = s;
                }
        });
        var dst = new double[src.Length];
        RowParallel.For(h, y =>
        {
            for (int x = 0; x < w; x++)
                for (int ch = 0; ch < c; ch++)
                {
                    double s = k[r] * rows[(y * w + x) * c + ch];
                    for (int t = 1; t <= r; t++)
                        s = Math.FusedMultiplyAdd(k[r + t], rows[(Reflect101(y + t, h) * w + x) * c + ch] + rows[(Reflect101(y - t, h) * w + x) * c + ch], s);
                    dst[(y * w + x) * c + ch] = s;
                }
        });
        return dst;
    }

    /// <summary>BORDER_REFLECT_101: gfedcb|abcdefgh|gfedcba.</summary>
    static int Reflect101(int p, int len)
    {
        if (len == 1) return 0;
        while ((uint)p >= (uint)len)
            p = p < 0 ? -p : 2 * len - p - 2;
        return p;
    }
}
