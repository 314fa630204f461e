namespace Deforum.Animation.Warp;

/// <summary>
/// Port of deforum-stable-diffusion helpers/animation.py::transform_image_3d's grid: pixels on torch.linspace(−1, 1)
/// lifted to depth z, moved by the new camera (q = p·R + T), projected by both cameras (pytorch3d transform_points
/// divides by w = z), and the difference subtracted from F.affine_grid's identity grid (align_corners false). All in
/// float32, in the order the tensor code evaluates it.
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
        float r00 = r[0, 0], r01 = r[0, 1], r02 = r[0, 2], r10 = r[1, 0], r11 = r[1, 1], r12 = r[1, 2];
        float r20 = r[2, 0], r21 = r[2, 1], r22 = r[2, 2];
        RowParallel.For(h, i =>
        {
            float y = ys[i];
            for (int j = 0; j < w; j++)
            {
                float x = xs[j], z = depth is null ? 1f : depth[i * w + j];
                float qx = x * r00 + y * r10 + z * r20 + tx;
                float qy = x * r01 + y * r11 + z * r21 + ty;
                float qz = x * r02 + y * r12 + z * r22 + tz;
                float du = qx * fx / qz - x * fx / z;
                float dv = qy * fy / qz - y * fy / z;
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
