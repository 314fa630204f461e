namespace Deforum.Animation.Warp;

/// <summary>Reproduces OpenCV 4.6 cv::getPerspectiveTransform (imgproc/imgwarp.cpp) with its DECOMP_LU solve.</summary>
internal static class PerspectiveSolver
{
    public static Matrix3 GetPerspectiveTransform(ReadOnlySpan<(float X, float Y)> src, ReadOnlySpan<(float X, float Y)> dst)
    {
        var a = new double[8, 8];
        var b = new double[8];
        for (int i = 0; i < 4; i++)
        {
            a[i, 0] = a[i + 4, 3] = src[i].X;
            a[i, 1] = a[i + 4, 4] = src[i].Y;
            a[i, 2] = a[i + 4, 5] = 1;
            // OpenCV multiplies the float32 point coordinates in float before widening.
            a[i, 6] = -src[i].X * dst[i].X;
            a[i, 7] = -src[i].Y * dst[i].X;
            a[i + 4, 6] = -src[i].X * dst[i].Y;
            a[i + 4, 7] = -src[i].Y * dst[i].Y;
            b[i] = dst[i].X;
            b[i + 4] = dst[i].Y;
        }
        Solve(a, b);
        return new Matrix3(b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], 1);
    }

    /// <summary>Gaussian elimination with partial pivoting, as OpenCV's LU (core/matrix_decomp.cpp), solution left in b.</summary>
    static void Solve(double[,] a, double[] b)
    {
        const int m = 8;
        for (int i = 0; i < m; i++)
        {
            int k = i;
            for (int j = i + 1; j < m; j++)
                if (Math.Abs(a[j, i]) > Math.Abs(a[k, i])) k = j;
            if (Math.Abs(a[k, i]) < double.Epsilon * 10)
                throw new ArgumentException("perspective flip corners are degenerate");
            if (k != i)
            {
                for (int j = i; j < m; j++) (a[i, j], a[k, j]) = (a[k, j], a[i, j]);
                (b[i], b[k]) = (b[k], b[i]);
            }
            double d = -1 / a[i, i];
            for (int j = i + 1; j < m; j++)
            {
                double alpha = a[j, i] * d;
                for (int c = i + 1; c < m; c++) a[j, c] += alpha * a[i, c];
                b[j] += alpha * b[i];
            }
            a[i, i] = -d;
        }
        for (int i = m - 1; i >= 0; i--)
        {
            double s = b[i];
            for (int c = i + 1; c < m; c++) s -= a[i, c] * b[c];
            b[i] = s * a[i, i];
        }
    }
}
