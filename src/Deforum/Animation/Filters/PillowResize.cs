using Deforum.Torch;

namespace Deforum.Animation.Filters;

/// <summary>Pillow's resampling filters used by the original (Image.LANCZOS, Image.BICUBIC).</summary>
public enum PillowFilter { Lanczos, Bicubic }

/// <summary>
/// Reproduces Pillow 9 Image.resize for 8-bit images (libImaging/Resample.c): separable convolution, horizontal pass
/// then vertical, support widened by the downscale factor, weights normalised and fixed-point with 22 fractional bits,
/// each pass rounded and clipped to 8 bits.
/// </summary>
public static class PillowResize
{
    const int PrecisionBits = 32 - 8 - 2;

    /// <summary>Resizes an H×W×C uint8 frame to (width, height).</summary>
    public static Tensor Resize(Tensor image, int width, int height, PillowFilter filter)
    {
        var (h, w, c) = HostImage.CheckHwc(image, nameof(image), 1, 2, 3, 4);
        HostImage.CheckDType(image, nameof(image), DType.UInt8);
        var data = Resize(HostImage.Read<byte>(image), h, w, c, width, height, filter);
        return HostImage.Write(data, [height, width, c], image.Device);
    }

    internal static byte[] Resize(byte[] src, int h, int w, int c, int outW, int outH, PillowFilter filter)
    {
        if (outW < 1 || outH < 1) throw new ArgumentException($"target size must be positive; got {outW}×{outH}");
        var horizontal = outW == w ? src : Pass(src, w, h, c, outW, filter, horizontalPass: true);
        return outH == h ? horizontal : Pass(horizontal, outW, h, c, outH, filter, horizontalPass: false);
    }

    /// <summary>One separable pass; the image is w×h before, and outSize replaces w (horizontal) or h (vertical).</summary>
    static byte[] Pass(byte[] src, int w, int h, int c, int outSize, PillowFilter filter, bool horizontalPass)
    {
        int inSize = horizontalPass ? w : h;
        var (bounds, kernels, kSize) = Coefficients(inSize, outSize, filter);
        int outW = horizontalPass ? outSize : w, outH = horizontalPass ? h : outSize;
        var dst = new byte[outW * outH * c];
        RowParallel.For(outH, y =>
        {
            for (int x = 0; x < outW; x++)
            {
                int o = horizontalPass ? x : y;
                int min = bounds[2 * o], count = bounds[2 * o + 1];
                for (int ch = 0; ch < c; ch++)
                {
                    int acc = 1 << (PrecisionBits - 1);
                    for (int t = 0; t < count; t++)
                    {
                        int idx = horizontalPass ? (y * w + min + t) * c + ch : ((min + t) * w + x) * c + ch;
                        acc += src[idx] * kernels[o * kSize + t];
                    }
                    dst[(y * outW + x) * c + ch] = (byte)Math.Clamp(acc >> PrecisionBits, 0, 255);
                }
            }
        });
        return dst;
    }

    /// <summary>Pillow's precompute_coeffs + normalize_coeffs_8bpc.</summary>
    static (int[] Bounds, int[] Kernels, int KSize) Coefficients(int inSize, int outSize, PillowFilter filter)
    {
        double support0 = filter == PillowFilter.Lanczos ? 3.0 : 2.0;
        double scale = (double)inSize / outSize;
        double filterScale = Math.Max(scale, 1.0);
        double support = support0 * filterScale;
        int kSize = (int)Math.Ceiling(support) * 2 + 1;
        var bounds = new int[outSize * 2];
        var kernels = new int[outSize * kSize];
        var weights = new double[kSize];
        for (int o = 0; o < outSize; o++)
        {
            double center = (o + 0.5) * scale;
            double ss = 1.0 / filterScale;
            int xmin = Math.Max((int)(center - support + 0.5), 0);
            int xmax = Math.Min((int)(center + support + 0.5), inSize) - xmin;
            double total = 0;
            for (int x = 0; x < xmax; x++)
            {
                double arg = (x + xmin - center + 0.5) * ss;
                weights[x] = filter == PillowFilter.Lanczos ? Lanczos(arg) : Bicubic(arg);
                total += weights[x];
            }
            for (int x = 0; x < xmax; x++)
            {
                double k = total != 0 ? weights[x] / total : weights[x];
                kernels[o * kSize + x] = (int)(k < 0 ? -0.5 + k * (1 << PrecisionBits) : 0.5 + k * (1 << PrecisionBits));
            }
            bounds[2 * o] = xmin;
            bounds[2 * o + 1] = xmax;
        }
        return (bounds, kernels, kSize);
    }

    static double Sinc(double x)
    {
        if (x == 0.0) return 1.0;
        x *= Math.PI;
        return Math.Sin(x) / x;
    }

    static double Lanczos(double x) => x >= -3.0 && x < 3.0 ? Sinc(x) * Sinc(x / 3) : 0.0;

    static double Bicubic(double x)
    {
        const double a = -0.5;
        x = Math.Abs(x);
        if (x < 1.0) return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
        if (x < 2.0) return (((x - 5) * x + 8) * x - 4) * a;
        return 0.0;
    }
}
