using Deforum.Torch;

namespace Deforum.Animation.Perlin;

/// <summary>
/// Port of Disco Diffusion disco.py::perlin and perlin_ms (after adefossez's gist): value-weighted gradient noise on
/// square grids of growing size, octaves summed onto 0.5. Disco evaluates the whole (width·2ⁿ)² picture (4096² for its
/// 12 octaves) and then resizes it; here only the given rows and columns are evaluated. Each pixel is the same chain of
/// float32 multiplications and additions of the same gradients and weights, so the values are bit-identical, and
/// every gradient is still drawn in Disco's order.
/// </summary>
internal static class DiscoPerlin
{
    /// <summary>perlin_ms(octaves, width, width, …) for one band at <paramref name="rows"/> × <paramref name="cols"/> → [R, C] float32.</summary>
    public static Tensor Band(IReadOnlyList<double> octaves, long width, long[] rows, long[] cols, Generator generator)
    {
        using var scope = DisposeScope.Begin();
        Tensor? band = null;
        long scale = 1L << octaves.Count, cells = width;
        foreach (var weight in octaves)
        {
            var p = Perlin(cells, scale, rows, cols, generator).Mul(weight);
            band = band is null ? p.Add(0.5) : band.Add_(p);
            scale /= 2;
            cells *= 2;
        }
        return scope.MoveToOuter(band ?? throw new ArgumentException("perlin_ms needs at least one octave", nameof(octaves)));
    }

    /// <summary>perlin(cells, cells, scale): pixel (x, y) of the (cells·scale)² picture lies in grid cell (x / scale, y / scale).</summary>
    static Tensor Perlin(long cells, long scale, long[] rows, long[] cols, Generator generator)
    {
        using var scope = DisposeScope.Begin();
        var gradients = Tensor.Randn([2, cells + 1, cells + 1, 1, 1], generator);
        Tensor gx = gradients.Select(0, 0).Reshape(cells + 1, cells + 1), gy = gradients.Select(0, 1).Reshape(cells + 1, cells + 1);
        var t = Tensor.Linspace(0, 1, scale + 1).Slice(0, 0, scale); // [scale], Disco's xs and ys
        var w = 1.0 - t.Pow(2).Mul(3).Sub(t.Pow(3).Mul(2));         // 1 − interp(t)

        Tensor Index(long[] at, Func<long, long> f) => Tensor.From(at.Select(f).ToArray(), at.Length);
        Tensor a = Index(rows, x => x / scale), a1 = Index(rows, x => x / scale + 1), p = Index(rows, x => x % scale);
        Tensor b = Index(cols, y => y / scale), b1 = Index(cols, y => y / scale + 1), q = Index(cols, y => y % scale);
        Tensor At(Tensor g, Tensor r, Tensor c) => g.IndexSelect(0, r).IndexSelect(1, c); // [R, C]
        Tensor xs = t.IndexSelect(0, p).Unsqueeze(1), ys = t.IndexSelect(0, q).Unsqueeze(0); // [R, 1], [1, C]
        Tensor wx = w.IndexSelect(0, p).Unsqueeze(1), wy = w.IndexSelect(0, q).Unsqueeze(0);

        var dots = wx.Mul(wy).Mul(At(gx, a, b).Mul(xs).Add(At(gy, a, b).Mul(ys)));
        dots.Add_((1.0 - wx).Mul(wy).Mul(At(gx, a1, b).Neg().Mul(1.0 - xs).Add(At(gy, a1, b).Mul(ys))));
        dots.Add_(wx.Mul(1.0 - wy).Mul(At(gx, a, b1).Mul(xs).Sub(At(gy, a, b1).Mul(1.0 - ys))));
        dots.Add_((1.0 - wx).Mul(1.0 - wy).Mul(At(gx, a1, b1).Neg().Mul(1.0 - xs).Sub(At(gy, a1, b1).Mul(1.0 - ys))));
        return scope.MoveToOuter(dots);
    }
}
