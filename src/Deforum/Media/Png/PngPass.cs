namespace Deforum.Media.Png;

/// <summary>One reduced image of a PNG: the whole image, or one of the seven Adam7 interlace passes.</summary>
internal readonly record struct PngPass(int XStart, int YStart, int XStep, int YStep, int Width, int Height)
{
    public bool IsEmpty => Width == 0 || Height == 0;

    /// <summary>The passes whose scanlines follow each other in the image data (PNG specification §8.2).</summary>
    public static PngPass[] For(PngHeader header)
    {
        if (!header.Interlaced) return [new PngPass(0, 0, 1, 1, header.Width, header.Height)];
        ReadOnlySpan<int> xs = [0, 4, 0, 2, 0, 1, 0], ys = [0, 0, 4, 0, 2, 0, 1];
        ReadOnlySpan<int> dx = [8, 8, 4, 4, 2, 2, 1], dy = [8, 8, 8, 4, 4, 2, 2];
        var passes = new PngPass[7];
        for (int i = 0; i < 7; i++)
        {
            passes[i] = new PngPass(xs[i], ys[i], dx[i], dy[i],
                (header.Width - xs[i] + dx[i] - 1) / dx[i], (header.Height - ys[i] + dy[i] - 1) / dy[i]);
        }
        return passes;
    }
}
