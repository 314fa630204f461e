using Deforum.Torch;

namespace Deforum.Animation.Warp;

/// <summary>
/// Port of deforum-stable-diffusion helpers/animation.py::transform_image_3d's grid (with src/py3d_tools.py's
/// cameras): pixels on torch.linspace(−1, 1) lifted to depth z, projected by the still camera and by the moved one
/// (row vectors times the composed world→view→NDC matrix, then divided by w), and the difference subtracted from
/// F.affine_grid's identity grid (align_corners false).
/// <para>
/// Bit-exact with torch on the CPU, which nearest sampling and the uint8 truncation need (a one-ulp grid difference
/// moves a nearest pixel). Everything whose float32 result depends on how torch's kernels evaluate it runs through
/// libtorch with the original's shapes: the one-element cos/sin/tan, the 3×3 matmuls (BLAS), linspace (fused
/// multiply-adds) and the moved camera's [1, H·W, 4] × [1, 4, 4] bmm (BLAS accumulation order). The rest is plain
/// float32 arithmetic that no kernel can evaluate differently, done on the host in one pass.
/// </para>
/// </summary>
internal sealed class CameraGrid
{
    readonly float[] _view; // [4, 4] row-vector projection of the moved camera: x·M = (u·w, v·w, ·, w)
    readonly float _fx;     // the still camera's K[0,0] (its matrix is diag(fx, fy, f1) with w = z)
    readonly float _fy;

    /// <param name="rotation">pytorch3d euler_angles_to_matrix(angles, "XYZ"), float32 [3, 3].</param>
    /// <param name="translation">the moved camera's T, float32.</param>
    /// <param name="fx">K[0,0] = 2·near / (max_x − min_x).</param>
    /// <param name="fy">K[1,1] = 2·near / (max_y − min_y).</param>
    public CameraGrid(float[] rotation, float[] translation, float fx, float fy)
    {
        _fx = fx;
        _fy = fy;
        // Rotate ∘ Translate ∘ Project composed by pytorch3d's small bmm: every entry is one product (the others
        // are exact zeros), so the host gets the same float32 values. The z column is unused (only x, y are kept).
        _view = new float[16];
        for (int i = 0; i < 3; i++)
        {
            _view[4 * i + 0] = rotation[3 * i + 0] * fx;
            _view[4 * i + 1] = rotation[3 * i + 1] * fy;
            _view[4 * i + 3] = rotation[3 * i + 2];
        }
        _view[12] = translation[0] * fx;
        _view[13] = translation[1] * fy;
        _view[15] = translation[2];
    }

    /// <summary>Interleaved (x, y) per pixel, row-major: the [1, H, W, 2] grid's data. Null depth means z = 1.</summary>
    public float[] Grid(int h, int w, float[]? depth)
    {
        var xs = Linspace(w);
        var ys = Linspace(h);
        var gx = IdentityGrid(xs, w);
        var gy = IdentityGrid(ys, h);
        var moved = ProjectMoved(xs, ys, depth); // [H·W, 4]
        var grid = new float[h * w * 2];
        RowParallel.For(h, i =>
        {
            float y = ys[i];
            for (int j = 0; j < w; j++)
            {
                int p = i * w + j;
                float x = xs[j], z = depth is null ? 1f : depth[p];
                float wNew = moved[4 * p + 3];
                float du = moved[4 * p] / wNew - x * _fx / z;
                float dv = moved[4 * p + 1] / wNew - y * _fy / z;
                grid[2 * p] = gx[j] - du;
                grid[2 * p + 1] = gy[i] - dv;
            }
        });
        return grid;
    }

    /// <summary>transform_points' bmm for the moved camera: [1, H·W, 4] points (x, y, z, 1) times the [1, 4, 4] matrix.</summary>
    float[] ProjectMoved(float[] xs, float[] ys, float[]? depth)
    {
        int h = ys.Length, w = xs.Length;
        var points = new float[h * w * 4];
        for (int i = 0; i < h; i++)
            for (int j = 0; j < w; j++)
            {
                int p = i * w + j;
                points[4 * p] = xs[j];
                points[4 * p + 1] = ys[i];
                points[4 * p + 2] = depth is null ? 1f : depth[p];
                points[4 * p + 3] = 1f;
            }
        using var scope = DisposeScope.Begin();
        var batch = Tensor.From<float>(points.AsSpan(), [1, h * w, 4]);
        var matrix = Tensor.From<float>(_view.AsSpan(), [1, 4, 4]);
        return batch.Bmm(matrix).Contiguous().ToArray<float>(); // [1, H·W, 4]
    }

    static float[] Linspace(int n)
    {
        using var scope = DisposeScope.Begin();
        return Tensor.Linspace(-1, 1, n).ToArray<float>();
    }

    /// <summary>affine_grid's base coordinates without align_corners: linspace · (n − 1) / n.</summary>
    static float[] IdentityGrid(float[] linspace, int n) => linspace.Select(v => v * (n - 1) / n).ToArray();
}
