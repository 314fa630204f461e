using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Deforum.Media.Png;

/// <summary>
/// The five PNG row filters (specification §9.2): reversing them on decode, applying them on encode, and
/// picking one per row by the minimum sum of absolute differences (the heuristic libpng and Pillow use).
/// </summary>
internal static class PngFilters
{
    /// <summary>Reverses <paramref name="type"/> in place; <paramref name="prior"/> is the previous decoded row (zeros for the first).</summary>
    public static void Unfilter(PngFilterType type, Span<byte> row, ReadOnlySpan<byte> prior, int bpp)
    {
        int n = row.Length;
        switch (type)
        {
            case PngFilterType.None:
                return;
            case PngFilterType.Up:
                AddInPlace(row, prior);
                return;
        }
        if (type > PngFilterType.Paeth) throw new PngFormatException($"PNG row uses filter type {(int)type}; only 0–4 exist");
        if (prior.Length < n || bpp > n) throw new ArgumentException("prior row shorter than the row, or stride beyond it");
        // Each byte depends on the one just decoded, so these stay scalar; with the bounds checked once above,
        // unchecked refs keep range checks out of the per-byte loops that dominate decoding.
        ref byte r = ref MemoryMarshal.GetReference(row);
        ref byte p = ref MemoryMarshal.GetReference(prior);
        switch (type)
        {
            case PngFilterType.Sub:
                for (int i = bpp; i < n; i++) Unsafe.Add(ref r, i) += Unsafe.Add(ref r, i - bpp);
                return;
            case PngFilterType.Average:
                for (int i = 0; i < bpp; i++) Unsafe.Add(ref r, i) += (byte)(Unsafe.Add(ref p, i) >> 1);
                for (int i = bpp; i < n; i++) Unsafe.Add(ref r, i) += (byte)((Unsafe.Add(ref r, i - bpp) + Unsafe.Add(ref p, i)) >> 1);
                return;
            default:
                for (int i = 0; i < bpp; i++) Unsafe.Add(ref r, i) += Unsafe.Add(ref p, i);
                for (int i = bpp; i < n; i++) Unsafe.Add(ref r, i) += Paeth(Unsafe.Add(ref r, i - bpp), Unsafe.Add(ref p, i), Unsafe.Add(ref p, i - bpp));
                return;
        }
    }

    /// <summary>Writes <paramref name="row"/> filtered with <paramref name="type"/> into <paramref name="dst"/>.</summary>
    public static void Apply(PngFilterType type, ReadOnlySpan<byte> row, ReadOnlySpan<byte> prior, int bpp, Span<byte> dst)
    {
        int n = row.Length;
        switch (type)
        {
            case PngFilterType.None:
                row.CopyTo(dst);
                return;
            case PngFilterType.Sub:
                row[..bpp].CopyTo(dst);
                Subtract(row[bpp..], row[..(n - bpp)], dst[bpp..]);
                return;
            case PngFilterType.Up:
                Subtract(row, prior, dst);
                return;
            case PngFilterType.Average:
                for (int i = 0; i < bpp; i++) dst[i] = (byte)(row[i] - (prior[i] >> 1));
                ApplyPredicted(row, prior, bpp, dst, static (a, b, _) => (a & b) + Vector.ShiftRightLogical(a ^ b, 1),
                    static (a, b, _) => (byte)((a + b) >> 1));
                return;
            case PngFilterType.Paeth:
                for (int i = 0; i < bpp; i++) dst[i] = (byte)(row[i] - prior[i]);
                ApplyPredicted(row, prior, bpp, dst, PaethVector, Paeth);
                return;
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, "unknown PNG filter type");
        }
    }

    /// <summary>
    /// Filters the row with every type into consecutive slices of <paramref name="scratch"/> (5 × row length) and
    /// returns the type whose output has the smallest sum of bytes read as signed magnitudes.
    /// </summary>
    public static PngFilterType ChooseAdaptive(ReadOnlySpan<byte> row, ReadOnlySpan<byte> prior, int bpp, Span<byte> scratch)
    {
        int n = row.Length;
        var best = PngFilterType.None;
        long bestCost = long.MaxValue;
        for (var type = PngFilterType.None; type <= PngFilterType.Paeth; type++)
        {
            var slice = scratch.Slice((int)type * n, n);
            Apply(type, row, prior, bpp, slice);
            long cost = SignedMagnitudeSum(slice);
            if (cost < bestCost)
            {
                bestCost = cost;
                best = type;
            }
        }
        return best;
    }

    delegate Vector<byte> VectorPredictor(Vector<byte> left, Vector<byte> up, Vector<byte> upLeft);

    /// <summary>
    /// dst[i] = row[i] − predict(row[i−bpp], prior[i], prior[i−bpp]) for i ≥ bpp. Encoding knows every input up front,
    /// so unlike decoding the predictions vectorise.
    /// </summary>
    static void ApplyPredicted(ReadOnlySpan<byte> row, ReadOnlySpan<byte> prior, int bpp, Span<byte> dst,
        VectorPredictor predictVector, Func<byte, byte, byte, byte> predict)
    {
        int n = row.Length, i = bpp, w = Vector<byte>.Count;
        for (; i <= n - w; i += w)
        {
            var predicted = predictVector(new Vector<byte>(row[(i - bpp)..]), new Vector<byte>(prior[i..]), new Vector<byte>(prior[(i - bpp)..]));
            (new Vector<byte>(row[i..]) - predicted).CopyTo(dst[i..]);
        }
        for (; i < n; i++) dst[i] = (byte)(row[i] - predict(row[i - bpp], prior[i], prior[i - bpp]));
    }

    static Vector<byte> PaethVector(Vector<byte> a, Vector<byte> b, Vector<byte> c)
    {
        Vector.Widen(a, out var aLo, out var aHi);
        Vector.Widen(b, out var bLo, out var bHi);
        Vector.Widen(c, out var cLo, out var cHi);
        return Vector.Narrow(PaethHalf(aLo, bLo, cLo), PaethHalf(aHi, bHi, cHi));
    }

    static Vector<ushort> PaethHalf(Vector<ushort> left, Vector<ushort> up, Vector<ushort> upLeft)
    {
        var a = Vector.AsVectorInt16(left);
        var b = Vector.AsVectorInt16(up);
        var c = Vector.AsVectorInt16(upLeft);
        var pa = Vector.Abs(b - c);
        var pb = Vector.Abs(a - c);
        var pc = Vector.Abs(a + b - c - c);
        var pickA = Vector.LessThanOrEqual(pa, pb) & Vector.LessThanOrEqual(pa, pc);
        return Vector.AsVectorUInt16(Vector.ConditionalSelect(pickA, a, Vector.ConditionalSelect(Vector.LessThanOrEqual(pb, pc), b, c)));
    }

    static byte Paeth(byte a, byte b, byte c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        if (pa <= pb && pa <= pc) return a;
        return pb <= pc ? b : c;
    }

    static void AddInPlace(Span<byte> row, ReadOnlySpan<byte> prior)
    {
        int i = 0, w = Vector<byte>.Count;
        for (; i <= row.Length - w; i += w)
            (new Vector<byte>(row[i..]) + new Vector<byte>(prior[i..])).CopyTo(row[i..]);
        for (; i < row.Length; i++) row[i] += prior[i];
    }

    static void Subtract(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<byte> dst)
    {
        int i = 0, w = Vector<byte>.Count;
        for (; i <= a.Length - w; i += w)
            (new Vector<byte>(a[i..]) - new Vector<byte>(b[i..])).CopyTo(dst[i..]);
        for (; i < a.Length; i++) dst[i] = (byte)(a[i] - b[i]);
    }

    /// <summary>Σ min(v, 256 − v): each byte's distance from zero when read as a signed difference.</summary>
    static long SignedMagnitudeSum(ReadOnlySpan<byte> data)
    {
        long sum = 0;
        int i = 0, w = Vector<byte>.Count;
        // ushort lanes cannot overflow within 128 vectors of values ≤ 128 per byte pair.
        while (i <= data.Length - w)
        {
            var acc = Vector<ushort>.Zero;
            for (int k = 0; k < 128 && i <= data.Length - w; k++, i += w)
            {
                var v = new Vector<byte>(data[i..]);
                Vector.Widen(Vector.Min(v, Vector<byte>.Zero - v), out var lo, out var hi);
                acc += lo + hi;
            }
            sum += Vector.Sum(Vector.AsVectorUInt32(acc) & new Vector<uint>(0xFFFF)) + Vector.Sum(Vector.AsVectorUInt32(acc) >> 16);
        }
        for (; i < data.Length; i++) sum += Math.Min(data[i], 256 - data[i]);
        return sum;
    }
}
