using Deforum.Animation.Filters;

namespace Deforum.Animation.Masks;

/// <summary>The Pillow step of mask loading that plain resizing lacks: RGBA resized in premultiplied form.</summary>
internal static class PillowImage
{
    /// <summary>
    /// Image.resize with Lanczos; like Pillow 9, RGBA is premultiplied (RGBa) for the resize and un-premultiplied
    /// after, so transparent pixels do not bleed their colour.
    /// </summary>
    public static byte[] ResizeLanczos(byte[] src, int h, int w, int c, int outW, int outH)
    {
        if (outW == w && outH == h) return (byte[])src.Clone();
        if (c != 4) return PillowResize.Resize(src, h, w, c, outW, outH, PillowFilter.Lanczos);
        var premultiplied = (byte[])src.Clone();
        for (int i = 0; i < src.Length; i += 4)
            for (int k = 0; k < 3; k++)
                premultiplied[i + k] = MulDiv255(src[i + k], src[i + 3]);
        var resized = PillowResize.Resize(premultiplied, h, w, 4, outW, outH, PillowFilter.Lanczos);
        for (int i = 0; i < resized.Length; i += 4)
        {
            int alpha = resized[i + 3];
            if (alpha is 0 or 255) continue;
            for (int k = 0; k < 3; k++)
                resized[i + k] = (byte)Math.Min(255, 255 * resized[i + k] / alpha);
        }
        return resized;
    }

    /// <summary>Pillow's MULDIV255: a·b/255 rounded with integer arithmetic.</summary>
    static byte MulDiv255(int a, int b)
    {
        int tmp = a * b + 128;
        return (byte)(((tmp >> 8) + tmp) >> 8);
    }
}
