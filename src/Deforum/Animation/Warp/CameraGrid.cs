namespace Deforum.Animation.Warp;

/// <summary>
/// Port of deforum-stable-diffusion helpers/animation.py::transform_image_3d's grid: pixels on torch.linspace(−1, 1)
/// lifted to depth z, projected by both cameras — [x, y, z, 1] times pytorch3d's composed world-to-NDC matrix, whose
/// entries are R·f and T·f, divided by w — and the difference subtracted from F.affine_grid's identity grid
/// (align_corners false). All in float32, in the order the tensor code evaluates it (sequential sums, no FMA: folding
/// f in after the division instead flips about 2% of the Forge fork's 8-bit warp outputs by one).
/// </summary>
internal sealed class CameraGrid(float[,] r, float tx, float ty, float tz, float fx, float fy)
{
    /// <summary>Interleaved (x, y) per pixel, row-major: the [1, H, W, 2] grid's data. Null depth means z = 1.</summary>
    public float[] Grid(int h, int w, float[]? depth)
    {
        var xs = Linspace(w);
        var ys = Linspace(h);
        var gx = IdentityGrid(xs, w);
        var gy = IdentityGrid(ys, h);
        var grid = new float[h * w * 2];
        // The full projection matrix's x and y columns hold R·f and T·f (pytorch3d composes world-to-view with the
        // projection before any point is transformed); its w column is R's third column and T_z.
        float m00 = r[0, 0] * fx, m10 = r[1, 0] * fx, m20 = r[2, 0] * fx, m30 = tx * fx;
        float m01 = r[0, 1] * fy, m11 = r[1, 1] * fy, m21 = r[2, 1] * fy, m31 = ty * fy;
        float r02 = r[0, 2], r12 = r[1, 2], r22 = r[2, 2];
        RowParallel.For(h, i =>
        {
            float y = ys[i];
            for (int j = 0; j < w; j++)
            {
                float x = xs[j], z = depth is null ? 1f : depth[i * w + j];
                float w1 = x * r02 + y * r12 + z * r22 + tz;
                float du = (x * m00 + y * m10 + z * m20 + m30) / w1 - x * fx / z;
                float dv = (x * m01 + y * m11 + z * m21 + m31) / w1 - y * fy / z;
                grid[2 * (i * w + j)] = gx[j] - du;
                grid[2 * (i * w + j) + 1] = gy[i] - dv;
            }
        });
        return grid;
    }

    /// <summary>torch.linspace(−1, 1, n) in float32: start + step·i for the first half, end − step·(n−1−i) after.</summary>
    static float[] Linspace(int n)
    {
        var v = new float[n];
        if (n == 1) { v[0] = -1; return v; }
        float step = 2f / (n - 1);
        for (int i = 0; i < n; i++)
            v[i] = i < n / 2 ? -1f + step * i : 1f - step * (n - 1 - i);
        return v;
    }

    /// <summary>affine_grid's base coordinates without align_corners: linspace · (n − 1) / n.</summary>
    static float[] IdentityGrid(float[] linspace, int n) => linspace.Select(v => v * (n - 1) / n).ToArray();
}
