namespace Deforum.Animation.Filters;

/// <summary>
/// Reproduces Pillow 9 ImageOps.autocontrast(image) with no cutoff, ignore or mask (PIL/ImageOps.py): per band, the
/// darkest level present maps to 0 and the brightest to 255 through int(v·scale + offset) in double, clipped; a
/// band with one level is left as it is.
/// </summary>
internal static class PillowAutoContrast
{
    /// <param name="pixels">Interleaved 8-bit bands (H×W×bands).</param>
    public static byte[] Apply(byte[] pixels, int bands)
    {
        var result = new byte[pixels.Length];
        var lut = new byte[256];
        for (int band = 0; band < bands; band++)
        {
            int lo = 255, hi = 0;
            for (int i = band; i < pixels.Length; i += bands)
            {
                lo = Math.Min(lo, pixels[i]);
                hi = Math.Max(hi, pixels[i]);
            }
            double scale = hi > lo ? 255.0 / (hi - lo) : 1, offset = hi > lo ? -lo * scale : 0;
            for (int v = 0; v < 256; v++) lut[v] = (byte)Math.Clamp((int)(v * scale + offset), 0, 255);
            for (int i = band; i < pixels.Length; i += bands) result[i] = lut[pixels[i]];
        }
        return result;
    }
}
