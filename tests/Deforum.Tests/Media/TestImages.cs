using Xunit;
using Deforum.Media;

namespace Deforum.Tests.Media;

/// <summary>Deterministic test pictures and the comparisons the media tests share.</summary>
public static class TestImages
{
    public static ImageBuffer<byte> Random8(int width, int height, int channels, int seed)
    {
        var image = new ImageBuffer<byte>(width, height, channels);
        new Random(seed).NextBytes(image.Pixels);
        return image;
    }

    public static ImageBuffer<ushort> Random16(int width, int height, int channels, int seed)
    {
        var image = new ImageBuffer<ushort>(width, height, channels);
        var rng = new Random(seed);
        for (int i = 0; i < image.Pixels.Length; i++) image.Pixels[i] = (ushort)rng.Next(65536);
        return image;
    }

    /// <summary>A smooth moving RGB pattern: realistic for a video codec (random noise would not survive crf 17).</summary>
    public static ImageBuffer<byte> Frame(int t, int width = 64, int height = 64)
    {
        var image = new ImageBuffer<byte>(width, height, 3);
        for (int y = 0; y < height; y++)
        {
            var row = image.Row(y);
            for (int x = 0; x < width; x++)
            {
                row[3 * x] = (byte)(127.5 + 120 * Math.Sin((x + 2 * t) * 0.15));
                row[3 * x + 1] = (byte)(127.5 + 120 * Math.Cos((y - t) * 0.12));
                row[3 * x + 2] = (byte)(127.5 + 120 * Math.Sin((x + y + 3 * t) * 0.07));
            }
        }
        return image;
    }

    public static double Psnr(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        Assert.Equal(a.Length, b.Length);
        double se = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double d = a[i] - b[i];
            se += d * d;
        }
        double mse = se / a.Length;
        return mse == 0 ? double.PositiveInfinity : 10 * Math.Log10(255.0 * 255.0 / mse);
    }

    public static ushort[] LittleEndianSamples(byte[] raw)
    {
        var samples = new ushort[raw.Length / 2];
        for (int i = 0; i < samples.Length; i++) samples[i] = (ushort)(raw[2 * i] | raw[2 * i + 1] << 8);
        return samples;
    }
}
