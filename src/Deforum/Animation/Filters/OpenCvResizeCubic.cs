using System.Numerics;

namespace Deforum.Animation.Filters;

/// <summary>
/// Reproduces OpenCV 4.6 resize INTER_CUBIC on float32 and float64 images (imgproc/resize.cpp resizeGeneric_): source
/// position (o + 0.5)·in/out − 0.5 rounded to float, Keys weights with A = −0.75 (the fourth as 1 − the others) in
/// float for both depths, taps clamped to the border, horizontal pass then vertical, sums in the image's own type.
/// </summary>
internal static class OpenCvResizeCubic
{
    const float A = -0.75f;

    public static T[] Resize<T>(T[] src, int h, int w, int c, int outW, int outH) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (xOfs, xW) = Taps<T>(w, outW);
        var (yOfs, yW) = Taps<T>(h, outH);
        var rows = new T[h * outW * c];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < outW; x++)
                for (int k = 0; k < c; k++)
                {
                    T s = src[(y * w + xOfs[4 * x]) * c + k] * xW[4 * x];
                    for (int t = 1; t < 4; t++) s += src[(y * w + xOfs[4 * x + t]) * c + k] * xW[4 * x + t];
                    rows[(y * outW + x) * c + k] = s;
                }
        var dst = new T[outH * outW * c];
        RowParallel.For(outH, y =>
        {
            for (int i = 0; i < outW * c; i++)
            {
                T s = yW[4 * y] * rows[yOfs[4 * y] * outW * c + i];
                for (int t = 1; t < 4; t++) s += yW[4 * y + t] * rows[yOfs[4 * y + t] * outW * c + i];
                dst[y * outW * c + i] = s;
            }
        });
        return dst;
    }

    /// <summary>Tap offsets and the float weights, widened to the image's type for the sums.</summary>
    static (int[] Offsets, T[] Weights) Taps<T>(int inSize, int outSize) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double scale = 1.0 / ((double)outSize / inSize);
        var ofs = new int[outSize * 4];
        var wts = new float[outSize * 4];
        for (int o = 0; o < outSize; o++)
        {
            float f = (float)((o + 0.5) * scale - 0.5);
            int s = (int)MathF.Floor(f);
            f -= s;
            wts[4 * o] = ((A * (f + 1) - 5 * A) * (f + 1) + 8 * A) * (f + 1) - 4 * A;
            wts[4 * o + 1] = ((A + 2) * f - (A + 3)) * f * f + 1;
            wts[4 * o + 2] = ((A + 2) * (1 - f) - (A + 3)) * (1 - f) * (1 - f) + 1;
            wts[4 * o + 3] = 1f - wts[4 * o] - wts[4 * o + 1] - wts[4 * o + 2];
            for (int t = 0; t < 4; t++) ofs[4 * o + t] = Math.Clamp(s + t - 1, 0, inSize - 1);
        }
        return (ofs, wts.Select(T.CreateTruncating).ToArray());
    }
}
