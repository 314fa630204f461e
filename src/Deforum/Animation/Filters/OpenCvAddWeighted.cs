namespace Deforum.Animation.Filters;

/// <summary>
/// Reproduces OpenCV 4 cv2.addWeighted on 8-bit images (core/src/arithm.simd.hpp, op_add_weighted): the weights
/// rounded to float, fma(a, α, fma(b, β, γ)) in float, rounded half to even and saturated. Checked against
/// Debian's OpenCV 4.6 on every (a, b) pair, SIMD body and scalar tail alike.
/// </summary>
internal static class OpenCvAddWeighted
{
    public static byte[] Blend(byte[] a, double alpha, byte[] b, double beta, double gamma = 0)
    {
        if (a.Length != b.Length) throw new ArgumentException($"images differ in size ({a.Length} and {b.Length} values)", nameof(b));
        float al = (float)alpha, be = (float)beta, ga = (float)gamma;
        var result = new byte[a.Length];
        for (int i = 0; i < a.Length; i++)
        {
            float t = MathF.FusedMultiplyAdd(a[i], al, MathF.FusedMultiplyAdd(b[i], be, ga));
            result[i] = (byte)Math.Clamp(MathF.Round(t, MidpointRounding.ToEven), 0, 255);
        }
        return result;
    }
}
