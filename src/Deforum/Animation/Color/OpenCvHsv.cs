namespace Deforum.Animation.Color;

/// <summary>
/// Reproduces OpenCV 4.6 cvtColor RGB↔HSV for 8-bit images (imgproc/color_hsv.simd.hpp): the forward direction uses
/// 12-bit fixed-point reciprocal tables with H in 0–179; the inverse is computed in float as the AVX2 build evaluates
/// it, then truncated (vector blocks) or rounded (row tails).
/// </summary>
internal static class OpenCvHsv
{
    const int HsvShift = 12;
    const int HueRange = 180;

    static readonly int[] SDivTable = BuildTable(v => (255 << HsvShift) / (1.0 * v));
    static readonly int[] HDivTable = BuildTable(v => (HueRange << HsvShift) / (6.0 * v));

    static int[] BuildTable(Func<int, double> f)
    {
        var t = new int[256];
        for (int i = 1; i < 256; i++) t[i] = (int)Math.Round(f(i), MidpointRounding.ToEven);
        return t;
    }

    public static byte[] RgbToHsv(byte[] rgb)
    {
        var hsv = new byte[rgb.Length];
        for (int i = 0; i < rgb.Length; i += 3)
        {
            int r = rgb[i], g = rgb[i + 1], b = rgb[i + 2];
            int v = Math.Max(b, Math.Max(g, r));
            int vmin = Math.Min(b, Math.Min(g, r));
            int diff = v - vmin;
            int s = (diff * SDivTable[v] + (1 << (HsvShift - 1))) >> HsvShift;
            int h = v == r ? g - b : v == g ? b - r + 2 * diff : r - g + 4 * diff;
            h = (h * HDivTable[diff] + (1 << (HsvShift - 1))) >> HsvShift;
            if (h < 0) h += HueRange;
            hsv[i] = (byte)Math.Clamp(h, 0, 255);
            hsv[i + 1] = (byte)s;
            hsv[i + 2] = (byte)v;
        }
        return hsv;
    }

    static readonly int[,] SectorData = { { 1, 3, 0 }, { 1, 0, 2 }, { 3, 0, 1 }, { 0, 2, 1 }, { 0, 1, 3 }, { 2, 1, 0 } };

    /// <summary>
    /// OpenCV's vectorised HSV→RGB loop converts whole blocks of 4 SIMD registers per row and truncates them to uint8;
    /// only the pixels left over at the end of a row take the scalar path, which rounds. Blocks are 32 pixels with
    /// AVX2 (8 float lanes), the dispatch opencv-python 4.6 uses on x86-64.
    /// </summary>
    const int TruncatedBlockPixels = 32;

    /// <summary>
    /// The AVX2 build of color_hsv.simd.hpp is compiled with FMA contraction: v·(1 − s·h) is one fused
    /// multiply-subtract in both paths, v·(1 − s·(1 − h)) only in the vector path (measured exhaustively against
    /// cv2 4.6 over every H, S, V byte in both paths). A plain float evaluation misses ~1 in 10⁴ pixels by one level.
    /// </summary>
    public static byte[] HsvToRgb(byte[] hsv, int width)
    {
        var rgb = new byte[hsv.Length];
        const float hScale = 6.0f / HueRange;
        int truncatedPerRow = width / TruncatedBlockPixels * TruncatedBlockPixels;
        Span<float> tab = stackalloc float[4];
        for (int i = 0; i < hsv.Length; i += 3)
        {
            bool vectorPath = i / 3 % width < truncatedPerRow;
            float s = hsv[i + 1] * (1f / 255f), v = hsv[i + 2] * (1f / 255f);
            // Both paths split h·6/180 into floor and fraction first and reduce the sector mod 6 after, so bytes
            // 180–255 wrap with the fraction they had.
            float h = hsv[i] * hScale;
            float floor = MathF.Floor(h);
            h -= floor;
            int sector = (int)floor % 6;
            float oneMinusH = 1f - h;
            tab[0] = v;
            tab[1] = v * (1f - s);
            tab[2] = v * MathF.FusedMultiplyAdd(-s, h, 1f);
            tab[3] = v * (vectorPath ? MathF.FusedMultiplyAdd(-s, oneMinusH, 1f) : 1f - s * oneMinusH);
            // s == 0 makes every entry v in both paths (the scalar path's shortcut gives the same).
            float r = tab[SectorData[sector, 2]], g = tab[SectorData[sector, 1]], b = tab[SectorData[sector, 0]];
            rgb[i] = ToByte(r * 255f, vectorPath);
            rgb[i + 1] = ToByte(g * 255f, vectorPath);
            rgb[i + 2] = ToByte(b * 255f, vectorPath);
        }
        return rgb;
    }

    /// <summary>v_trunc then saturating packs, or saturate_cast&lt;uchar&gt;(float) (round half to even).</summary>
    static byte ToByte(float v, bool truncate) =>
        (byte)Math.Clamp(truncate ? (int)v : (int)MathF.Round(v, MidpointRounding.ToEven), 0, 255);
}
