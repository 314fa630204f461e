using Deforum.Animation.Filters;
using Deforum.Torch;

namespace Deforum.Animation.Perlin;

/// <summary>
/// Port of Disco Diffusion disco.py::regen_perlin and create_perlin_noise (perlin_init): the average of a 12-octave
/// Perlin picture on a 1×1 grid and an 8-octave one on a 4×4 grid, each resized to the frame (torchvision's tensor
/// resize: bilinear, no antialias), cut to 8 bits (to_pil_image), autocontrasted, and mapped to [−1, 1]. The draws
/// come from a CPU generator seeded with the frame's seed, in Disco's order.
/// </summary>
public static class PerlinInit
{
    /// <summary>
    /// Below this, the float32 source coordinate libtorch's bilinear resize computes cannot fall short of (or beyond)
    /// the exact one: its error is a few float32 ulps of at most 4096, about 1e-3 of a pixel.
    /// </summary>
    const double SourceCoordinateSlack = 0.01;

    /// <summary>The init sample [1, 3, H, W] float32 in [−1, 1] on the CPU.</summary>
    public static Tensor Create(PerlinMode mode, int width, int height, long seed)
    {
        using var scope = DisposeScope.Begin();
        var (coarse, fine) = Pictures(mode, width, height, seed);
        return scope.MoveToOuter(ToTensor(coarse).Add(ToTensor(fine)).Div(2).Unsqueeze(0).Mul(2).Sub(1)); // [1, 3, H, W]
    }

    /// <summary>The two autocontrasted pictures the init averages, [H, W, 3] uint8 each: 12 octaves on 1×1 cells, 8 on 4×4.</summary>
    public static (Tensor Coarse, Tensor Fine) Pictures(PerlinMode mode, int width, int height, long seed)
    {
        if (width < 1 || height < 1) throw new ArgumentOutOfRangeException(nameof(width), $"{width}×{height} is not a frame size");
        using var generator = new Generator(0).ManualSeed(seed);
        var coarse = Picture(Weights(12), 1, grey: mode == PerlinMode.Gray, width, height, generator);
        return (coarse, Picture(Weights(8), 4, grey: mode != PerlinMode.Color, width, height, generator));
    }

    /// <summary>Disco's octave amplitudes 1.5⁻ⁱ·0.5.</summary>
    static double[] Weights(int octaves) => [.. Enumerable.Range(0, octaves).Select(i => Math.Pow(1.5, -i) * 0.5)];

    /// <summary>create_perlin_noise(octaves, width, width, grey) → [H, W, 3] uint8.</summary>
    static Tensor Picture(double[] octaves, long width, bool grey, int outWidth, int outHeight, Generator generator)
    {
        using var scope = DisposeScope.Begin();
        long size = width << octaves.Length; // Disco's picture is size × size
        var (rows, rowMap) = ReadPixels(size, outHeight);
        var (cols, colMap) = ReadPixels(size, outWidth);
        var bands = Enumerable.Range(0, grey ? 1 : 3).Select(_ => DiscoPerlin.Band(octaves, width, rows, cols, generator)).ToList();
        // the full picture, zero where the resize does not read, in Disco's layout so the same resize kernel runs
        var padded = F.Pad(Tensor.Stack(bands, 0), [0, 1, 0, 1]);                          // [bands, R + 1, C + 1]
        var picture = padded.IndexSelect(2, colMap).IndexSelect(1, rowMap).Unsqueeze(0);    // [1, bands, size, size]
        var resized = F.Interpolate(picture, (outHeight, outWidth), InterpolateMode.Bilinear); // [1, bands, H, W]
        var levels = resized.Clamp(0, 1).Squeeze(0).Mul(255).To(DType.UInt8).Permute(1, 2, 0); // [H, W, bands]
        var rgb = grey ? levels.Expand(outHeight, outWidth, 3) : levels;                       // convert('RGB')
        var contrasted = PillowAutoContrast.Apply(HostImage.Read<byte>(rgb), 3);
        return scope.MoveToOuter(Tensor.From(contrasted, outHeight, outWidth, 3));
    }

    /// <summary>
    /// The rows (or columns) of a size-long axis that a bilinear resize to <paramref name="output"/> reads, and a map
    /// from every row to its place among them (rows not read map past the end, to the zero padding).
    /// </summary>
    static (long[] Read, Tensor Map) ReadPixels(long size, int output)
    {
        var read = new SortedSet<long>();
        for (int i = 0; i < output; i++)
        {
            double source = Math.Max((i + 0.5) * size / output - 0.5, 0);
            long first = Math.Max((long)Math.Floor(source - SourceCoordinateSlack), 0);
            long last = Math.Min((long)Math.Floor(source + SourceCoordinateSlack) + 1, size - 1);
            for (long x = first; x <= last; x++) read.Add(x);
        }
        var rows = read.ToArray();
        var map = new long[size];
        Array.Fill(map, rows.Length);
        for (int k = 0; k < rows.Length; k++) map[rows[k]] = k;
        return (rows, Tensor.From(map, size));
    }

    /// <summary>torchvision to_tensor: [H, W, 3] uint8 → [3, H, W] float32 v/255.</summary>
    static Tensor ToTensor(Tensor image) => image.Permute(2, 0, 1).Contiguous().To(DType.Float32).Div(255);
}
