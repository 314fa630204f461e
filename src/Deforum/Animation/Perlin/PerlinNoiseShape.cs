namespace Deforum.Animation.Perlin;

/// <summary>
/// The extension's noise_args: perlin_w and perlin_h are truncated to whole cells as its int() does, and perlin_w
/// counts cells down the frame's height (the extension's sample.shape[0]), perlin_h across its width.
/// </summary>
public sealed record PerlinNoiseShape(double PerlinW, double PerlinH, int Octaves, double Persistence)
{
    public long CellsDown => (long)Math.Truncate(PerlinW);

    public long CellsAcross => (long)Math.Truncate(PerlinH);
}
