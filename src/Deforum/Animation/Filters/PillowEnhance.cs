namespace Deforum.Animation.Filters;

/// <summary>
/// Reproduces Pillow 9 ImageEnhance.Brightness / Contrast on an 8-bit "L" image (PIL/ImageEnhance.py +
/// libImaging/Blend.c): blend(degenerate, image, f) = degenerate + f·(image − degenerate) in float, truncated,
/// clipped only when f is outside [0, 1].
/// </summary>
internal static class PillowEnhance
{
    public static byte[] Brightness(byte[] l, float factor) => Blend(l, _ => 0, factor);

    /// <summary>The degenerate is a flat grey of int(mean + 0.5) (ImageStat mean of the L image).</summary>
    public static byte[] Contrast(byte[] l, float factor)
    {
        double sum = 0;
        foreach (var v in l) sum += v;
        int mean = (int)(sum / l.Length + 0.5);
        return Blend(l, _ => mean, factor);
    }

    static byte[] Blend(byte[] image, Func<int, int> degenerate, float alpha)
    {
        var result = new byte[image.Length];
        bool interpolate = alpha >= 0 && alpha <= 1.0;
        for (int i = 0; i < image.Length; i++)
        {
            int d = degenerate(i);
            float v = d + alpha * (image[i] - d);
            result[i] = interpolate ? (byte)v : v <= 0 ? (byte)0 : v >= 255 ? (byte)255 : (byte)v;
        }
        return result;
    }
}
