namespace Deforum.Animation.Filters;

/// <summary>
/// Reproduces OpenCV 4.6 cv::getGaussianKernel for CV_64F (imgproc/src/smooth.dispatch.cpp getGaussianKernelBitExact,
/// core/src/softfloat.cpp f64_exp): fixed binomial tables for σ ≤ 0 and n ≤ 9; otherwise half the taps through OpenCV's
/// own exp (a 64-entry 2^(i/64) table times a degree-5 polynomial, not libm's exp), normalised by one reciprocal of
/// 2·Σhalf + 1. Every tap must match bit for bit: a one-ulp difference flips the unsharp mask's round-half-even on ties.
/// </summary>
internal static class OpenCvGaussianKernel
{
    /// <summary>The kernels OpenCV returns for σ ≤ 0, by size (binomial, exact in binary).</summary>
    static readonly Dictionary<int, double[]> FixedKernels = new()
    {
        [1] = [1.0],
        [3] = [0.25, 0.5, 0.25],
        [5] = [0.0625, 0.25, 0.375, 0.25, 0.0625],
        [7] = [0.03125, 0.109375, 0.21875, 0.28125, 0.21875, 0.109375, 0.03125],
        [9] = [4 / 256.0, 13 / 256.0, 30 / 256.0, 51 / 256.0, 60 / 256.0, 51 / 256.0, 30 / 256.0, 13 / 256.0, 4 / 256.0],
    };

    public static double[] Kernel(int n, double sigma)
    {
        if (sigma <= 0 && FixedKernels.TryGetValue(n, out var fixedKernel)) return (double[])fixedKernel.Clone();
        // softdouble mulAdd is fused: one rounding of n·0.15 + 0.35 (= ((n−1)/2 − 1)·0.3 + 0.8).
        double sigmaX = sigma > 0 ? sigma : Math.FusedMultiplyAdd(n, 0.15, 0.35);
        double scale2X = -0.125 / (sigmaX * sigmaX); // x below runs over 2·(i − (n−1)/2)
        int half = (n - 1) / 2;
        var values = new double[half];
        double sum = 0;
        for (int i = 0, x = 1 - n; i < half; i++, x += 2)
        {
            values[i] = Exp((double)(x * x) * scale2X);
            sum += values[i];
        }
        sum = sum * 2 + 1;
        if (n % 2 == 0) sum += 1;
        double mul = 1 / sum;
        var k = new double[n];
        for (int i = 0; i < half; i++) k[i] = k[n - 1 - i] = values[i] * mul;
        k[half] = mul;
        if (n % 2 == 0) k[half + 1] = mul;
        return k;
    }

    const int ExpTableScale = 6;
    const double ExpMaxValue = 3000 * (1 << ExpTableScale);
    static readonly double ExpPrescale = BitConverter.UInt64BitsToDouble(0x3ff71547652b82fe) * (1 << ExpTableScale); // 64 / ln 2
    static readonly double ExpPostscale = 1.0 / (1 << ExpTableScale);
    static readonly double PolyA0 = BitConverter.UInt64BitsToDouble(0x3f83ce0f3e46f431);

    /// <summary>The polynomial's coefficients (ln 2)^k / k! scaled by 1/PolyA0, highest degree first, as OpenCV divides them.</summary>
    static readonly double[] Poly = new ulong[] { 0x3f55e7aa1566c2a4, 0x3f83b2a72b4f3cd3, 0x3fac6b08d81fec75, 0x3fcebfbdff82a45a, 0x3fe62e42fefa39f1 }
        .Select(bits => BitConverter.UInt64BitsToDouble(bits) / PolyA0).Append(1 / PolyA0).ToArray();

    /// <summary>2^(i/64), i = 0..63, as OpenCV's expTab stores them.</summary>
    static readonly double[] ExpTable = new ulong[]
    {
        0x3ff0000000000000, 0x3ff02c9a3e778061, 0x3ff059b0d3158574, 0x3ff0874518759bc8, 0x3ff0b5586cf9890f, 0x3ff0e3ec32d3d1a2,
        0x3ff11301d0125b51, 0x3ff1429aaea92de0, 0x3ff172b83c7d517b, 0x3ff1a35beb6fcb75, 0x3ff1d4873168b9aa, 0x3ff2063b88628cd6,
        0x3ff2387a6e756238, 0x3ff26b4565e27cdd, 0x3ff29e9df51fdee1, 0x3ff2d285a6e4030b, 0x3ff306fe0a31b715, 0x3ff33c08b26416ff,
        0x3ff371a7373aa9cb, 0x3ff3a7db34e59ff7, 0x3ff3dea64c123422, 0x3ff4160a21f72e2a, 0x3ff44e086061892d, 0x3ff486a2b5c13cd0,
        0x3ff4bfdad5362a27, 0x3ff4f9b2769d2ca7, 0x3ff5342b569d4f82, 0x3ff56f4736b527da, 0x3ff5ab07dd485429, 0x3ff5e76f15ad2148,
        0x3ff6247eb03a5585, 0x3ff6623882552225, 0x3ff6a09e667f3bcd, 0x3ff6dfb23c651a2f, 0x3ff71f75e8ec5f74, 0x3ff75feb564267c9,
        0x3ff7a11473eb0187, 0x3ff7e2f336cf4e62, 0x3ff82589994cce13, 0x3ff868d99b4492ed, 0x3ff8ace5422aa0db, 0x3ff8f1ae99157736,
        0x3ff93737b0cdc5e5, 0x3ff97d829fde4e50, 0x3ff9c49182a3f090, 0x3ffa0c667b5de565, 0x3ffa5503b23e255d, 0x3ffa9e6b5579fdbf,
        0x3ffae89f995ad3ad, 0x3ffb33a2b84f15fb, 0x3ffb7f76f2fb5e47, 0x3ffbcc1e904bc1d2, 0x3ffc199bdd85529c, 0x3ffc67f12e57d14b,
        0x3ffcb720dcef9069, 0x3ffd072d4a07897c, 0x3ffd5818dcfba487, 0x3ffda9e603db3285, 0x3ffdfc97337b9b5f, 0x3ffe502ee78b3ff6,
        0x3ffea4afa2a490da, 0x3ffefa1bee615a27, 0x3fff50765b6e4540, 0x3fffa7c1819e90d8,
    }.Select(BitConverter.UInt64BitsToDouble).ToArray();

    /// <summary>softfloat f64_exp: x·64/ln 2 split into 2^(k/64)·2^(j) and a polynomial in the remainder, multiplied left to right.</summary>
    static double Exp(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        if (double.IsInfinity(x)) return x > 0 ? x : 0;
        int exponent = (int)((BitConverter.DoubleToUInt64Bits(x) >> 52) & 0x7FF);
        double x0 = exponent > 1023 + 10 ? (x < 0 ? -ExpMaxValue : ExpMaxValue) : x * ExpPrescale;
        double nearest = Math.Round(x0, MidpointRounding.ToEven);
        int k = (int)nearest;
        int biased = Math.Clamp((k >> ExpTableScale) + 1023, 0, 2047);
        double scale = BitConverter.UInt64BitsToDouble((ulong)biased << 52);
        double r = (x0 - nearest) * ExpPostscale;
        double p = Poly[0];
        for (int i = 1; i < Poly.Length; i++) p = p * r + Poly[i];
        return scale * PolyA0 * ExpTable[k & ((1 << ExpTableScale) - 1)] * p;
    }
}
