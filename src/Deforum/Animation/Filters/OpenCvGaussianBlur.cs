namespace Deforum.Animation.Filters;

/// <summary>
/// Reproduces OpenCV 4.6 GaussianBlur on float64 images (imgproc/smooth.dispatch.cpp + filter.simd.hpp): the
/// getGaussianKernel weights, a row pass summed left to right, then a symmetric column pass (centre, then
/// mirrored pairs), BORDER_REFLECT_101, sigmaY = sigmaX.
/// </summary>
internal static class OpenCvGaussianBlur
{
    public static double[] Blur(double[] src, int h, int w, int c, int ksize, double sigma)
    {
        if (ksize < 1 || ksize % 2 == 0) throw new ArgumentException($"kernel size must be odd and positive; got {ksize}");
        var k = Kernel(ksize, sigma);
        int r = ksize / 2;
        var rows = new double[src.Length];
        RowParallel.For(h, y =>
        {
            for (int x = 0; x < w; x++)
                for (int ch = 0; ch < c; ch++)
                {
                    double s = k[0] * src[(y * w + Reflect101(x - r, w)) * c + ch];
                    for (int t = 1; t < ksize; t++)
                        s += k[t] * src[(y * w + Reflect101(x - r + t, w)) * c + ch];
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
                        s += k[r + t] * (rows[(Reflect101(y + t, h) * w + x) * c + ch] + rows[(Reflect101(y - t, h) * w + x) * c + ch]);
                    dst[(y * w + x) * c + ch] = s;
                }
        });
        return dst;
    }

    /// <summary>cv::getGaussianKernel(n, sigma, CV_64F) for sigma &gt; 0 (or OpenCV's default sigma for n).</summary>
    static double[] Kernel(int n, double sigma)
    {
        double sigmaX = sigma > 0 ? sigma : ((n - 1) * 0.5 - 1) * 0.3 + 0.8;
        double scale2X = -0.5 / (sigmaX * sigmaX);
        var k = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            double x = i - (n - 1) * 0.5;
            k[i] = Math.Exp(scale2X * x * x);
            sum += k[i];
        }
        sum = 1.0 / sum;
        for (int i = 0; i < n; i++) k[i] *= sum;
        return k;
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
