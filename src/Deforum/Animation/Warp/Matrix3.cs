namespace Deforum.Animation.Warp;

/// <summary>A row-major 3×3 float64 matrix with the few operations the 2D warp's NumPy/OpenCV calls perform.</summary>
public readonly record struct Matrix3(double M00, double M01, double M02, double M10, double M11, double M12, double M20, double M21, double M22)
{
    public static Matrix3 Identity { get; } = new(1, 0, 0, 0, 1, 0, 0, 0, 1);

    public static Matrix3 Translation(double tx, double ty) => new(1, 0, tx, 0, 1, ty, 0, 0, 1);

    public static Matrix3 operator *(Matrix3 a, Matrix3 b) => new(
        a.M00 * b.M00 + a.M01 * b.M10 + a.M02 * b.M20, a.M00 * b.M01 + a.M01 * b.M11 + a.M02 * b.M21, a.M00 * b.M02 + a.M01 * b.M12 + a.M02 * b.M22,
        a.M10 * b.M00 + a.M11 * b.M10 + a.M12 * b.M20, a.M10 * b.M01 + a.M11 * b.M11 + a.M12 * b.M21, a.M10 * b.M02 + a.M11 * b.M12 + a.M12 * b.M22,
        a.M20 * b.M00 + a.M21 * b.M10 + a.M22 * b.M20, a.M20 * b.M01 + a.M21 * b.M11 + a.M22 * b.M21, a.M20 * b.M02 + a.M21 * b.M12 + a.M22 * b.M22);

    /// <summary>Reproduces OpenCV 4.6 cv::invert for a 3×3 CV_64F matrix (core/lapack.cpp: cofactors times 1/det).</summary>
    public Matrix3 InvertLikeOpenCv()
    {
        double det = M00 * (M11 * M22 - M12 * M21) - M01 * (M10 * M22 - M12 * M20) + M02 * (M10 * M21 - M11 * M20);
        if (det == 0) throw new ArgumentException("the warp matrix is singular (zoom 0?)");
        double d = 1.0 / det;
        return new(
            (M11 * M22 - M12 * M21) * d, (M02 * M21 - M01 * M22) * d, (M01 * M12 - M02 * M11) * d,
            (M12 * M20 - M10 * M22) * d, (M00 * M22 - M02 * M20) * d, (M02 * M10 - M00 * M12) * d,
            (M10 * M21 - M11 * M20) * d, (M01 * M20 - M00 * M21) * d, (M00 * M11 - M01 * M10) * d);
    }

    /// <summary>Reproduces OpenCV 4.6 cv::getRotationMatrix2D (imgproc/imgwarp.cpp), lifted to 3×3.</summary>
    public static Matrix3 Rotation2D(float cx, float cy, double angleDegrees, double scale)
    {
        double angle = angleDegrees * Math.PI / 180;
        double alpha = Math.Cos(angle) * scale, beta = Math.Sin(angle) * scale;
        return new(alpha, beta, (1 - alpha) * cx - beta * cy, -beta, alpha, beta * cx + (1 - alpha) * cy, 0, 0, 1);
    }

    public double[] ToArray() => [M00, M01, M02, M10, M11, M12, M20, M21, M22];
}
