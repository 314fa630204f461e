using Deforum.Media;
using Deforum.Media.Png;

namespace Deforum.Interactive.Html;

/// <summary>Frames as inline images: PNG bytes in a data URI, and small thumbnails for the live view's strip.</summary>
public static class FrameHtml
{
    /// <summary>An &lt;img&gt; of PNG bytes; <paramref name="displayWidth"/> scales it in the page, not in the file.</summary>
    public static string Img(byte[] png, string? title = null, int? displayWidth = null)
    {
        ArgumentNullException.ThrowIfNull(png);
        var width = displayWidth is { } w ? $" width=\"{w}\"" : "";
        var alt = HtmlText.Escape(title ?? "frame");
        return $"<img src=\"data:image/png;base64,{Convert.ToBase64String(png)}\" alt=\"{alt}\" title=\"{alt}\"{width} style=\"image-rendering:auto\"/>";
    }

    /// <summary>The image scaled down by whole-pixel box averaging so that it is at most <paramref name="maxWidth"/> wide.</summary>
    public static ImageBuffer<byte> Thumbnail(ImageBuffer<byte> image, int maxWidth)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWidth, 1);
        int factor = (image.Width + maxWidth - 1) / maxWidth;
        if (factor <= 1) return image;
        int w = Math.Max(1, image.Width / factor), h = Math.Max(1, image.Height / factor), c = image.Channels;
        var thumb = new ImageBuffer<byte>(w, h, c);
        int area = factor * factor;
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                for (int ch = 0; ch < c; ch++)
                {
                    int sum = 0;
                    for (int dy = 0; dy < factor; dy++)
                    {
                        var row = image.Row(y * factor + dy);
                        for (int dx = 0; dx < factor; dx++) sum += row[(x * factor + dx) * c + ch];
                    }
                    thumb.Pixels[(y * w + x) * c + ch] = (byte)((sum + area / 2) / area);
                }
        return thumb;
    }

    /// <summary>PNG bytes of a thumbnail of an image file (PNG, or anything ffmpeg reads).</summary>
    public static byte[] ThumbnailPng(string path, int maxWidth) =>
        PngEncoder.Encode(Thumbnail(ImageFile.Read(path), maxWidth), PngEncodeOptions.Fast);
}
