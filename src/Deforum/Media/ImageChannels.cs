namespace Deforum.Media;

/// <summary>Changes the channel count of an 8-bit image the way Pillow's <c>Image.convert</c> does.</summary>
public static class ImageChannels
{
    /// <summary>
    /// Gray is replicated, alpha is dropped (not composited) or added as 255, and colour becomes gray with
    /// Pillow's integer luma. Mirrors Pillow's convert("L"/"RGB"/"RGBA"), which the original's load_img uses.
    /// </summary>
    public static ImageBuffer<byte> Convert(ImageBuffer<byte> image, int channels)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channels, 4);
        if (channels == image.Channels) return image;

        var result = new ImageBuffer<byte>(image.Width, image.Height, channels);
        int srcC = image.Channels;
        ReadOnlySpan<byte> src = image.Pixels;
        Span<byte> dst = result.Pixels;
        bool srcColour = srcC >= 3, srcAlpha = srcC is 2 or 4, dstColour = channels >= 3, dstAlpha = channels is 2 or 4;
        for (int p = 0, s = 0, d = 0; p < image.Width * image.Height; p++, s += srcC, d += channels)
        {
            byte r = src[s], g = srcColour ? src[s + 1] : r, b = srcColour ? src[s + 2] : r;
            if (dstColour)
            {
                dst[d] = r;
                dst[d + 1] = g;
                dst[d + 2] = b;
            }
            else
            {
                // Pillow's ITU-R 601-2 luma in 16-bit fixed point (ImagingConvert's L24 macro).
                dst[d] = srcColour ? (byte)((19595 * r + 38470 * g + 7471 * b + 0x8000) >> 16) : r;
            }
            if (dstAlpha) dst[d + channels - 1] = srcAlpha ? src[s + srcC - 1] : (byte)255;
        }
        return result;
    }
}
