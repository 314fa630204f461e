using Deforum.Torch;

namespace Deforum.Animation.Perlin;

/// <summary>
/// Port of sd-webui-deforum scripts/deforum_helpers/noise.py::rand_perlin_2d and rand_perlin_2d_octaves (itself
/// vadimkantorov's PyTorch Perlin gist): gradient noise in [−1, 1] on a grid of cells, octaves summed with falling
/// amplitude. Every step is the original's libtorch op on the same shapes and strides, so the field is bit-identical;
/// the gradient angles come from the given generator in the original's order.
/// </summary>
public static class PerlinField
{
    /// <summary>rand_perlin_2d_octaves(shape, cells, octaves, persistence) → [rows, cols] float32.</summary>
    /// <param name="cells">Cells along rows and columns in the first octave; each octave doubles them.</param>
    public static Tensor Octaves((long Rows, long Cols) shape, (long Rows, long Cols) cells, int octaves, double persistence, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        Check(shape, cells, octaves);
        using var scope = DisposeScope.Begin();
        var noise = Tensor.Zeros([shape.Rows, shape.Cols]);
        long frequency = 1;
        double amplitude = 1;
        for (int i = 0; i < octaves; i++)
        {
            noise.Add_(Octave(shape, (frequency * cells.Rows, frequency * cells.Cols), generator).Mul(amplitude));
            frequency *= 2;
            amplitude *= persistence;
        }
        return scope.MoveToOuter(noise);
    }

    /// <summary>
    /// The original crashes (a broadcast error, or division by zero) unless every octave's cells divide the shape;
    /// the settings validator explains it to the user, this guards the API.
    /// </summary>
    static void Check((long Rows, long Cols) shape, (long Rows, long Cols) cells, int octaves)
    {
        if (octaves < 0) throw new ArgumentOutOfRangeException(nameof(octaves), octaves, "octaves must be 0 or more");
        if (octaves == 0) return;
        long last = 1L << Math.Min(octaves - 1, 62);
        if (cells.Rows < 1 || cells.Cols < 1 || octaves > 62 || shape.Rows % (cells.Rows * last) != 0 || shape.Cols % (cells.Cols * last) != 0)
            throw new ArgumentException(
                $"{cells.Rows}×{cells.Cols} cells doubled over {octaves} octaves do not divide the {shape.Rows}×{shape.Cols} field", nameof(cells));
    }

    /// <summary>rand_perlin_2d with the quintic fade 6t⁵ − 15t⁴ + 10t³.</summary>
    static Tensor Octave((long Rows, long Cols) shape, (long Rows, long Cols) res, Generator generator)
    {
        using var scope = DisposeScope.Begin();
        long d0 = shape.Rows / res.Rows, d1 = shape.Cols / res.Cols;
        // arange with the float step res/shape, as the original: its length may exceed the shape by one, cut below
        var rows = Tensor.Arange(0, res.Rows, (double)res.Rows / shape.Rows, DType.Float32);
        var cols = Tensor.Arange(0, res.Cols, (double)res.Cols / shape.Cols, DType.Float32);
        long n0 = rows.Size(0), n1 = cols.Size(0);
        var grid = Tensor.Stack([rows.View(n0, 1).Expand(n0, n1), cols.View(1, n1).Expand(n0, n1)], -1).Remainder(1); // [n0, n1, 2]
        var angles = Tensor.Rand([res.Rows + 1, res.Cols + 1], generator).Mul(2 * Math.PI);
        var gradients = Tensor.Stack([angles.Cos(), angles.Sin()], -1); // [res0 + 1, res1 + 1, 2]
        var cut = grid.Slice(0, 0, shape.Rows).Slice(1, 0, shape.Cols); // [H, W, 2]

        Tensor Tile(long row0, long row1, long col0, long col1) =>
            RepeatInterleave(RepeatInterleave(gradients.Slice(0, row0, row1).Slice(1, col0, col1), d0, 0), d1, 1);
        Tensor Dot(Tensor grad, double shift0, double shift1) =>
            Tensor.Stack([cut.Select(2, 0).Add(shift0), cut.Select(2, 1).Add(shift1)], -1)
                .Mul(grad.Slice(0, 0, shape.Rows).Slice(1, 0, shape.Cols)).Sum(-1); // [H, W]

        long r = res.Rows + 1, c = res.Cols + 1;
        var n00 = Dot(Tile(0, r - 1, 0, c - 1), 0, 0);
        var n10 = Dot(Tile(1, r, 0, c - 1), -1, 0);
        var n01 = Dot(Tile(0, r - 1, 1, c), 0, -1);
        var n11 = Dot(Tile(1, r, 1, c), -1, -1);
        var t = cut.Pow(5).Mul(6).Sub(cut.Pow(4).Mul(15)).Add(cut.Pow(3).Mul(10));
        var tRows = t.Select(-1, 0);
        return scope.MoveToOuter(n00.Lerp(n10, tRows).Lerp(n01.Lerp(n11, tRows), t.Select(-1, 1)).Mul(Math.Sqrt(2)));
    }

    /// <summary>torch.repeat_interleave(x, repeats, dim) for a constant count: each slice along dim repeated in place.</summary>
    static Tensor RepeatInterleave(Tensor x, long repeats, long dim)
    {
        var shape = x.Shape;
        var expanded = shape.Take((int)dim + 1).Append(repeats).Concat(shape.Skip((int)dim + 1)).ToArray();
        var merged = shape.ToArray();
        merged[dim] *= repeats;
        return x.Unsqueeze(dim + 1).Expand(expanded).Reshape(merged);
    }
}
