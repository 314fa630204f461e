namespace Deforum.Schedules;

/// <summary>
/// The interpolating cubic spline with zero second derivative at both ends (scipy.interpolate.CubicSpline with
/// bc_type='natural'), through knots at increasing whole frames. Solved for the knots' second derivatives M with the
/// tridiagonal (Thomas) algorithm; a gap is evaluated as the straight line between its knots plus the curvature term,
/// so two knots, or collinear ones, give exactly the linear fill.
/// </summary>
sealed class NaturalCubicSpline
{
    readonly int[] _x;
    readonly double[] _y;
    readonly double[] _m;

    /// <param name="x">At least two strictly increasing frames.</param>
    public NaturalCubicSpline(int[] x, double[] y)
    {
        if (x.Length < 2 || x.Length != y.Length) throw new ArgumentException("a spline needs two or more knots, one value each", nameof(x));
        _x = x;
        _y = y;
        _m = SecondDerivatives(x, y);
    }

    /// <summary>h[i−1]·M[i−1] + 2(h[i−1] + h[i])·M[i] + h[i]·M[i+1] = 6·(slope[i] − slope[i−1]), M[0] = M[n] = 0.</summary>
    static double[] SecondDerivatives(int[] x, double[] y)
    {
        int n = x.Length - 1;
        var m = new double[n + 1];
        if (n < 2) return m;
        var diagonal = new double[n];
        var rhs = new double[n];
        for (int i = 1; i < n; i++)
        {
            double hl = x[i] - x[i - 1], hr = x[i + 1] - x[i];
            diagonal[i] = 2 * (hl + hr);
            rhs[i] = 6 * ((y[i + 1] - y[i]) / hr - (y[i] - y[i - 1]) / hl);
            if (i > 1)
            {
                // eliminate M[i−1] with row i−1 (sub-diagonal hl, super-diagonal of row i−1 also hl)
                double factor = hl / diagonal[i - 1];
                diagonal[i] -= factor * hl;
                rhs[i] -= factor * rhs[i - 1];
            }
        }
        for (int i = n - 1; i >= 1; i--)
            m[i] = (rhs[i] - (x[i + 1] - x[i]) * m[i + 1]) / diagonal[i];
        return m;
    }

    /// <summary>Fills series[x] for every frame strictly between consecutive knots; the knots' own values stay as given.</summary>
    public void FillGaps(double[] series)
    {
        for (int k = 0; k + 1 < _x.Length; k++)
        {
            int x0 = _x[k], x1 = _x[k + 1];
            double h = x1 - x0, y0 = _y[k], slope = (_y[k + 1] - y0) / h;
            for (int x = x0 + 1; x < x1; x++)
            {
                double b = (x - x0) / h, a = 1 - b;
                series[x] = slope * (x - x0) + y0 + h * h / 6 * ((a * a * a - a) * _m[k] + (b * b * b - b) * _m[k + 1]);
            }
        }
    }
}
