namespace Deforum.Animation.Warp;

/// <summary>
/// Reproduces OpenCV 4.6 warpPerspective, INTER_LINEAR (imgproc/imgwarp.cpp WarpPerspectiveInvoker + remapBilinear):
/// source positions quantised to 1/32 px per 32×32-pixel block, 15-bit integer weights for uint8, float weights
/// for float32, each of the four taps passed through the border rule on its own.
/// </summary>
internal static class OpenCvWarpPerspective
{
    const int InterBits = 5;
    const int InterTabSize = 1 << InterBits;
    const int CoefBits = 15;
    const int BlockSize = 32;

    /// <summary>Warps an H×W×C uint8 image; <paramref name="inverse"/> maps output pixels to source pixels.</summary>
    public static byte[] Warp(byte[] src, int h, int w, int c, Matrix3 inverse, BorderMode border)
    {
        var dst = new byte[src.Length];
        Run(h, w, inverse, new ByteSampler(src, dst, h, w, c, border));
        return dst;
    }

    /// <summary>Warps an H×W×C float32 image (cadence buffers) with OpenCV's tabulated float weights.</summary>
    public static float[] Warp(float[] src, int h, int w, int c, Matrix3 inverse, BorderMode border)
    {
        var dst = new float[src.Length];
        Run(h, w, inverse, new FloatSampler(src, dst, h, w, c, border));
        return dst;
    }

    /// <summary>One output pixel from its quantised source position (a struct, so the JIT inlines it per pixel).</summary>
    interface IPixelSampler
    {
        void Sample(int y, int x, int sx, int sy, int fx, int fy);
    }

    readonly struct ByteSampler(byte[] src, byte[] dst, int h, int w, int c, BorderMode border) : IPixelSampler
    {
        public void Sample(int y, int x, int sx, int sy, int fx, int fy)
        {
            var (o00, o01, o10, o11) = Taps(sx, sy, h, w, c, border);
            int w00 = (InterTabSize - fx) * (InterTabSize - fy) * InterTabSize, w01 = fx * (InterTabSize - fy) * InterTabSize;
            int w10 = (InterTabSize - fx) * fy * InterTabSize, w11 = fx * fy * InterTabSize;
            int o = (y * w + x) * c;
            for (int k = 0; k < c; k++)
            {
                int v = (src[o00 + k] * w00 + src[o01 + k] * w01 + src[o10 + k] * w10 + src[o11 + k] * w11 + (1 << (CoefBits - 1))) >> CoefBits;
                dst[o + k] = (byte)Math.Clamp(v, 0, 255);
            }
        }
    }

    readonly struct FloatSampler(float[] src, float[] dst, int h, int w, int c, BorderMode border) : IPixelSampler
    {
        public void Sample(int y, int x, int sx, int sy, int fx, int fy)
        {
            var (o00, o01, o10, o11) = Taps(sx, sy, h, w, c, border);
            float ax = fx * (1f / InterTabSize), ay = fy * (1f / InterTabSize);
            float w00 = (1f - ay) * (1f - ax), w01 = (1f - ay) * ax, w10 = ay * (1f - ax), w11 = ay * ax;
            int o = (y * w + x) * c;
            for (int k = 0; k < c; k++)
                dst[o + k] = src[o00 + k] * w00 + src[o01 + k] * w01 + src[o10 + k] * w10 + src[o11 + k] * w11;
        }
    }

    /// <summary>Computes every output pixel's quantised source position, block by block as OpenCV does.</summary>
    static void Run<TSampler>(int h, int w, Matrix3 m, TSampler sampler) where TSampler : struct, IPixelSampler
    {
        // Block geometry decides where X0 restarts, which changes the float sums and so the rounding.
        int bh0 = Math.Min(BlockSize / 2, h);
        int bw0 = Math.Min(BlockSize * BlockSize / bh0, w);
        RowParallel.For(h, y =>
        {
            for (int bx = 0; bx < w; bx += bw0)
            {
                int bw = Math.Min(bw0, w - bx);
                double x0 = m.M00 * bx + m.M01 * y + m.M02;
                double y0 = m.M10 * bx + m.M11 * y + m.M12;
                double w0 = m.M20 * bx + m.M21 * y + m.M22;
                for (int x1 = 0; x1 < bw; x1++)
                {
                    double ww = w0 + m.M20 * x1;
                    ww = ww != 0 ? InterTabSize / ww : 0;
                    int qx = SaturateRound((x0 + m.M00 * x1) * ww);
                    int qy = SaturateRound((y0 + m.M10 * x1) * ww);
                    sampler.Sample(y, bx + x1, qx >> InterBits, qy >> InterBits, qx & (InterTabSize - 1), qy & (InterTabSize - 1));
                }
            }
        });
    }

    /// <summary>cvRound with saturation: round half to even, clamped to the int range.</summary>
    static int SaturateRound(double v) => (int)Math.Round(Math.Clamp(v, int.MinValue, int.MaxValue), MidpointRounding.ToEven);

    static (int, int, int, int) Taps(int sx, int sy, int h, int w, int c, BorderMode border)
    {
        int x0 = sx, x1 = sx + 1, y0 = sy, y1 = sy + 1;
        if ((uint)sx >= (uint)(w - 1) || (uint)sy >= (uint)(h - 1))
        {
            x0 = Border(x0, w, border); x1 = Border(x1, w, border);
            y0 = Border(y0, h, border); y1 = Border(y1, h, border);
        }
        int row0 = y0 * w, row1 = y1 * w;
        return ((row0 + x0) * c, (row0 + x1) * c, (row1 + x0) * c, (row1 + x1) * c);
    }

    static int Border(int p, int len, BorderMode border) => border switch
    {
        BorderMode.Replicate => Math.Clamp(p, 0, len - 1),
        _ => ((p % len) + len) % len,
    };
}
