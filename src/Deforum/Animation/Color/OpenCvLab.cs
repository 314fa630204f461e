namespace Deforum.Animation.Color;

/// <summary>
/// Reproduces OpenCV 4.6 cvtColor RGB↔Lab for 8-bit images (imgproc/color_lab.cpp RGB2Lab_b and the bit-exact
/// Lab2RGBinteger): sRGB gamma and cube-root lookup tables in 15-bit fixed point going forward; L→(y, f(y)) and
/// f→x/z tables, a 14-bit matrix and a 4096-entry inverse-gamma table coming back. Tables are built as OpenCV builds
/// them in single precision (its softfloat) so every entry matches.
/// </summary>
internal static class OpenCvLab
{
    const int LabShift = 12;
    const int GammaShift = 3;
    const int LabShift2 = LabShift + GammaShift;
    const int CbrtTableSize = 256 * 3 / 2 * (1 << GammaShift);
    const int InvGammaShift = 12;
    const int InvGammaTableSize = 1 << InvGammaShift;
    const int Base = 1 << 14;
    const int MinAbValue = -8145;
    const int InverseShift = LabShift + (14 - InvGammaShift);

    static readonly double[] RgbToXyz = [0.412453, 0.357580, 0.180423, 0.212671, 0.715160, 0.072169, 0.019334, 0.119193, 0.950227];
    static readonly double[] XyzToRgb = [3.240479, -1.53715, -0.498535, -0.969256, 1.875991, 0.041556, 0.055648, -0.204043, 1.057311];
    static readonly double[] D65 = [0.950456, 1.0, 1.088754];

    const double GammaThreshold = 809.0 / 20000.0;
    const double GammaInvThreshold = 7827.0 / 2500000.0;
    const double GammaLowScale = 323.0 / 25.0;
    const double GammaPower = 12.0 / 5.0;
    const double GammaXShift = 11.0 / 200.0;

    // Static initialisers run in text order: the cube-root coefficients must exist before the tables are built.
    static readonly double[] CbrtA = new ulong[]
    {
        0x4046a09e6653ba70, 0x406808f46c6116e0, 0x405dca97439cae14, 0x402add70d2827500, 0x3fc4f15f83f55d2d,
        0x402d9e20660edb21, 0x4062ff15c0285815, 0x406510d06a8112ce, 0x4040fecbc9e2c375,
    }.Select(BitConverter.UInt64BitsToDouble).ToArray();

    static readonly ushort[] GammaTable = BuildGammaTable();
    static readonly ushort[] CbrtTable = BuildCbrtTable();
    static readonly ushort[] InvGammaTable = BuildInvGammaTable();
    static readonly ushort[] LabToYf = BuildLabToYf();
    static readonly int[] AbToXz = BuildAbToXz();
    static readonly int[] ForwardCoeffs = Coefficients(i => RgbToXyz[i] * (1 << LabShift) / D65[i / 3]);
    static readonly int[] InverseCoeffs = Coefficients(i => (1 << LabShift) * XyzToRgb[i] * D65[i % 3]);

    static int[] Coefficients(Func<int, double> f) => Enumerable.Range(0, 9).Select(i => RoundEven(f(i))).ToArray();

    static int RoundEven(double v) => (int)Math.Round(v, MidpointRounding.ToEven);

    static float ApplyGamma(float x)
    {
        double xd = x;
        return (float)(xd <= GammaThreshold ? xd / GammaLowScale : Math.Pow((xd + GammaXShift) / (1.0 + GammaXShift), GammaPower));
    }

    static float ApplyInvGamma(float x)
    {
        double xd = x;
        return (float)(xd <= GammaInvThreshold ? xd * GammaLowScale : Math.Pow(xd, 1.0 / GammaPower) * (1.0 + GammaXShift) - GammaXShift);
    }

    static ushort[] BuildGammaTable()
    {
        var t = new ushort[256];
        for (int i = 0; i < 256; i++)
            t[i] = (ushort)RoundEven(255f * (1 << GammaShift) * ApplyGamma(i / 255f));
        return t;
    }

    static ushort[] BuildCbrtTable()
    {
        float threshold = 216f / 24389f, scale = 841f / 108f, bias = 16f / 116f;
        float step = 1f / (255f * (1 << GammaShift));
        var t = new ushort[CbrtTableSize];
        for (int i = 0; i < CbrtTableSize; i++)
        {
            float x = step * i;
            float f = x < threshold ? MathF.FusedMultiplyAdd(x, scale, bias) : SoftFloatCbrt(x);
            t[i] = (ushort)RoundEven((float)(1 << LabShift2) * f);
        }
        return t;
    }

    /// <summary>
    /// OpenCV's softfloat cbrt (core/src/softfloat.cpp, Turkowski's method): a quartic rational approximation of the
    /// mantissa's cube root in float64 whose mantissa is then truncated, not rounded, to float — so a table entry can
    /// sit one float below the correctly rounded root, which moves L by one level for some colours.
    /// </summary>
    static float SoftFloatCbrt(float x)
    {
        uint bits = BitConverter.SingleToUInt32Bits(x);
        if ((bits & 0x7FFFFFFF) == 0) return 0;
        uint sign = bits >> 31;
        int ex = (int)((bits >> 23) & 0xFF) - 127;
        int shx = ex % 3;
        if (shx >= 0) shx -= 3;
        ex = (ex - shx) / 3 - 1;
        double fr = BitConverter.UInt64BitsToDouble(((ulong)(shx + 1023) << 52) | ((ulong)(bits & 0x7FFFFF) << 29));
        fr = ((((CbrtA[0] * fr + CbrtA[1]) * fr + CbrtA[2]) * fr + CbrtA[3]) * fr + CbrtA[4])
           / ((((CbrtA[5] * fr + CbrtA[6]) * fr + CbrtA[7]) * fr + CbrtA[8]) * fr + 1.0);
        uint mantissa = (uint)((BitConverter.DoubleToUInt64Bits(fr) & ((1UL << 52) - 1)) >> 29);
        return BitConverter.UInt32BitsToSingle((sign << 31) | ((uint)(ex + 127) << 23) | mantissa);
    }

    static ushort[] BuildInvGammaTable()
    {
        var t = new ushort[InvGammaTableSize];
        float step = 1f / InvGammaTableSize;
        for (int i = 0; i < InvGammaTableSize; i++)
            t[i] = (ushort)RoundEven(255f * ApplyInvGamma(step * i));
        return t;
    }

    static ushort[] BuildLabToYf()
    {
        var t = new ushort[512];
        for (int i = 0; i < 256; i++)
        {
            int y, ify;
            if (i <= 20)
            {
                y = RoundEven((float)(i * Base * 20 * 9) / (17 * 29 * 29 * 29));
                ify = RoundEven((float)Base * (16f / 116f + (float)(i * 5) / (3 * 17 * 29)));
            }
            else
            {
                float fy = (float)(i * 100 * Base) / (255 * 116) + (float)(16 * Base) / 116;
                ify = RoundEven(fy);
                y = RoundEven(fy * fy * fy / (float)(Base * Base));
            }
            t[2 * i] = (ushort)y;
            t[2 * i + 1] = (ushort)ify;
        }
        return t;
    }

    static int[] BuildAbToXz()
    {
        var t = new int[Base * 9 / 4];
        for (int i = MinAbValue; i < Base * 9 / 4 + MinAbValue; i++)
            t[i - MinAbValue] = i <= 3390 ? i * 108 / 841 - Base * 16 / 116 * 108 / 841 : i * i / Base * i / Base;
        return t;
    }

    static int Descale(int x, int n) => (x + (1 << (n - 1))) >> n;

    public static byte[] RgbToLab(byte[] rgb)
    {
        const int lScale = (116 * 255 + 50) / 100;
        const int lShift = -((16 * 255 * (1 << LabShift2) + 50) / 100);
        var c = ForwardCoeffs;
        var lab = new byte[rgb.Length];
        for (int i = 0; i < rgb.Length; i += 3)
        {
            int r = GammaTable[rgb[i]], g = GammaTable[rgb[i + 1]], b = GammaTable[rgb[i + 2]];
            int fx = CbrtTable[Descale(r * c[0] + g * c[1] + b * c[2], LabShift)];
            int fy = CbrtTable[Descale(r * c[3] + g * c[4] + b * c[5], LabShift)];
            int fz = CbrtTable[Descale(r * c[6] + g * c[7] + b * c[8], LabShift)];
            lab[i] = Saturate(Descale(lScale * fy + lShift, LabShift2));
            lab[i + 1] = Saturate(Descale(500 * (fx - fy) + 128 * (1 << LabShift2), LabShift2));
            lab[i + 2] = Saturate(Descale(200 * (fy - fz) + 128 * (1 << LabShift2), LabShift2));
        }
        return lab;
    }

    public static byte[] LabToRgb(byte[] lab)
    {
        var c = InverseCoeffs;
        var rgb = new byte[lab.Length];
        for (int i = 0; i < lab.Length; i += 3)
        {
            int y = LabToYf[lab[i] * 2], ify = LabToYf[lab[i] * 2 + 1];
            int adiv = ((5 * lab[i + 1] * 53687 + (1 << 7)) >> 13) - 128 * Base / 500;
            int bdiv = ((lab[i + 2] * 41943 + (1 << 4)) >> 9) - 128 * Base / 200 + 1;
            int x = AbToXz[ify + adiv - MinAbValue], z = AbToXz[ify - bdiv - MinAbValue];
            for (int k = 0; k < 3; k++)
            {
                int v = Descale(c[3 * k] * x + c[3 * k + 1] * y + c[3 * k + 2] * z, InverseShift);
                rgb[i + k] = Saturate(InvGammaTable[Math.Clamp(v, 0, InvGammaTableSize - 1)]);
            }
        }
        return rgb;
    }

    static byte Saturate(int v) => (byte)Math.Clamp(v, 0, 255);
}
