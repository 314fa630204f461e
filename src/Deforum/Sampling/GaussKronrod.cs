namespace Deforum.Sampling;

/// <summary>
/// Adaptive Gauss–Kronrod (7/15-point) quadrature on a finite interval, bisecting the worst sub-interval until the
/// summed error estimate is within the relative tolerance — the role SciPy's QUADPACK quad plays for the LMS
/// coefficients (their integrands are polynomials, which the first 15-point rule already integrates exactly).
/// </summary>
public static class GaussKronrod
{
    /// <summary>SciPy quad's default absolute tolerance, kept so near-zero integrals terminate the same way.</summary>
    public const double DefaultAbsoluteTolerance = 1.49e-8;

    const int MaxSubdivisions = 50;

    static readonly double[] KronrodNodes =
    [
        0.991455371120812639206854697526329, 0.949107912342758524526189684047851, 0.864864423359769072789712788640926,
        0.741531185599394439863864773280788, 0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
        0.207784955007898467600689403773245, 0.0,
    ];

    static readonly double[] KronrodWeights =
    [
        0.022935322010529224963732008058970, 0.063092092629978553290700663189204, 0.104790010322250183839876322541518,
        0.140653259715525918745189590510238, 0.169004726639267902826583426598550, 0.190350578064785409913256402421014,
        0.204432940075298892414161999234649, 0.209482141084727828012999174891714,
    ];

    // Gauss weights for the nodes at odd positions of KronrodNodes (1, 3, 5, 7).
    static readonly double[] GaussWeights =
    [
        0.129484966168869693270611432679082, 0.279705391489276667901467771423780, 0.381830050505118944950369775488975,
        0.417959183673469387755102040816327,
    ];

    public static double Integrate(Func<double, double> f, double a, double b, double relativeTolerance, double absoluteTolerance = DefaultAbsoluteTolerance)
    {
        var pieces = new List<(double A, double B, double Value, double Error)> { Rule(f, a, b) };
        while (true)
        {
            double value = pieces.Sum(p => p.Value), error = pieces.Sum(p => p.Error);
            if (error <= Math.Max(absoluteTolerance, relativeTolerance * Math.Abs(value)) || pieces.Count >= MaxSubdivisions)
                return value;
            int worst = pieces.IndexOf(pieces.MaxBy(p => p.Error));
            var (lo, hi, _, _) = pieces[worst];
            double mid = 0.5 * (lo + hi);
            pieces[worst] = Rule(f, lo, mid);
            pieces.Add(Rule(f, mid, hi));
        }
    }

    static (double A, double B, double Value, double Error) Rule(Func<double, double> f, double a, double b)
    {
        double center = 0.5 * (a + b), half = 0.5 * (b - a);
        double kronrod = KronrodWeights[^1] * f(center), gauss = GaussWeights[^1] * f(center);
        for (int i = 0; i < KronrodNodes.Length - 1; i++)
        {
            double dx = half * KronrodNodes[i];
            double pair = f(center - dx) + f(center + dx);
            kronrod += KronrodWeights[i] * pair;
            if (i % 2 == 1) gauss += GaussWeights[i / 2] * pair;
        }
        return (a, b, kronrod * half, Math.Abs((kronrod - gauss) * half));
    }
}
