namespace Deforum.Animation.Warp;

/// <summary>The 0.5+ 2D perspective flip: rotations about z (Theta), x (Phi), y (Gamma) and a field of view, degrees.</summary>
public sealed record PerspectiveFlip(double Theta, double Phi, double Gamma, double Fv = 53)
{
    /// <summary>
    /// Port of deforum-stable-diffusion helpers/animation.py::warpMatrix (scale 1) followed by the post translation of
    /// anim_frame_warp_2d: B = getPerspectiveTransform(corners → projected corners) · T((W−side)/2, (H−side)/2).
    /// </summary>
    public Matrix3 Homography(int width, int height)
    {
        double fvHalf = Fv / 2 * Math.PI / 180;
        double d = Math.Sqrt((double)width * width + (double)height * height);
        double side = d / Math.Cos(fvHalf);
        double h = d / (2.0 * Math.Sin(fvHalf));
        double n = h - d / 2.0, f = h + d / 2.0;

        var project = Projection(fvHalf, n, f, h);
        double[] cornersX = [-width / 2.0, width / 2.0, width / 2.0, -width / 2.0];
        double[] cornersY = [height / 2.0, height / 2.0, -height / 2.0, -height / 2.0];
        var src = new (float X, float Y)[4];
        var dst = new (float X, float Y)[4];
        for (int i = 0; i < 4; i++)
        {
            var (u, v) = PerspectiveTransform(project, cornersX[i], cornersY[i]);
            // getPoints_for_PerspectiveTranformEstimation casts both point sets to float32.
            src[i] = ((float)(cornersX[i] + width / 2.0), (float)(cornersY[i] + height / 2.0));
            dst[i] = ((float)((u + 1.0) * (0.5 * side)), (float)((v + 1.0) * (0.5 * side)));
        }
        // post_trans_mat is built with np.float32, so its offsets are float32-rounded.
        var post = Matrix3.Translation((float)((width - side) / 2), (float)((height - side) / 2));
        return PerspectiveSolver.GetPerspectiveTransform(src, dst) * post;
    }

    /// <summary>F = P·Tz(−h)·Rx(φ)·Ry(γ)·Rz(θ), 4×4 row-major.</summary>
    double[,] Projection(double fvHalf, double n, double f, double h)
    {
        var p = Identity4();
        p[0, 0] = 1.0 / Math.Tan(fvHalf);
        p[1, 1] = p[0, 0];
        p[2, 2] = -(f + n) / (f - n);
        p[2, 3] = -(2.0 * f * n) / (f - n);
        p[3, 2] = -1.0;
        p[3, 3] = 1.0;
        var t = Identity4();
        t[2, 3] = -h;
        return Mul(Mul(p, t), Rotation());
    }

    double[,] Rotation()
    {
        double phi = Phi * Math.PI / 180, gamma = Gamma * Math.PI / 180, theta = Theta * Math.PI / 180;
        var rx = Identity4();
        rx[1, 1] = Math.Cos(phi); rx[2, 2] = rx[1, 1]; rx[1, 2] = -Math.Sin(phi); rx[2, 1] = Math.Sin(phi);
        var ry = Identity4();
        ry[0, 0] = Math.Cos(gamma); ry[2, 2] = ry[0, 0]; ry[0, 2] = Math.Sin(gamma); ry[2, 0] = -Math.Sin(gamma);
        var rz = Identity4();
        rz[0, 0] = Math.Cos(theta); rz[1, 1] = rz[0, 0]; rz[0, 1] = -Math.Sin(theta); rz[1, 0] = Math.Sin(theta);
        return Mul(Mul(rx, ry), rz);
    }

    /// <summary>cv::perspectiveTransform of the point (x, y, 0) by a 4×4 matrix: multiply by the reciprocal of w.</summary>
    static (double U, double V) PerspectiveTransform(double[,] m, double x, double y)
    {
        double w = m[3, 0] * x + m[3, 1] * y + m[3, 3];
        w = Math.Abs(w) > float.Epsilon ? 1.0 / w : 0;
        return ((m[0, 0] * x + m[0, 1] * y + m[0, 3]) * w, (m[1, 0] * x + m[1, 1] * y + m[1, 3]) * w);
    }

    static double[,] Identity4()
    {
        var m = new double[4, 4];
        for (int i = 0; i < 4; i++) m[i, i] = 1;
        return m;
    }

    static double[,] Mul(double[,] a, double[,] b)
    {
        var r = new double[4, 4];
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 4; j++)
                r[i, j] = a[i, 0] * b[0, j] + a[i, 1] * b[1, j] + a[i, 2] * b[2, j] + a[i, 3] * b[3, j];
        return r;
    }
}
