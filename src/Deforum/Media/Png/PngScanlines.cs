using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Deforum.Media.Png;

/// <summary>
/// Turns unfiltered scanline bytes into samples: unpacks 1/2/4-bit values, scales low-depth gray to 0–255,
/// looks palette indices up (adding alpha when the file has tRNS) and byte-swaps 16-bit samples.
/// </summary>
internal sealed class PngScanlines
{
    readonly PngHeader _header;
    readonly byte[]? _palette; // 256 entries × OutputChannels, so a stray index reads black instead of failing

    public PngScanlines(PngHeader header, ReadOnlySpan<byte> plte, ReadOnlySpan<byte> trns)
    {
        _header = header;
        if (header.ColorType != PngColorType.Palette)
        {
            OutputChannels = header.StoredChannels;
            return;
        }
        if (plte.IsEmpty) throw new PngFormatException("PNG uses a palette but has no PLTE chunk");
        OutputChannels = trns.IsEmpty ? 3 : 4;
        _palette = new byte[256 * OutputChannels];
        for (int i = 0; i < 256; i++)
        {
            int o = i * OutputChannels;
            if (i * 3 + 2 < plte.Length)
            {
                _palette[o] = plte[i * 3];
                _palette[o + 1] = plte[i * 3 + 1];
                _palette[o + 2] = plte[i * 3 + 2];
            }
            if (OutputChannels == 4) _palette[o + 3] = i < trns.Length ? trns[i] : (byte)255;
        }
    }

    public int OutputChannels { get; }

    public void Expand(ReadOnlySpan<byte> raw, int width, Span<byte> dst)
    {
        int depth = _header.BitDepth;
        if (_palette is not null)
        {
            int c = OutputChannels;
            for (int x = 0; x < width; x++)
                _palette.AsSpan(Unpack(raw, x, depth) * c, c).CopyTo(dst.Slice(x * c, c));
        }
        else if (depth == 8)
        {
            raw.CopyTo(dst);
        }
        else
        {
            // Low-depth gray scaled to the full range, as libpng's and Pillow's 8-bit expansions do.
            int scale = 255 / ((1 << depth) - 1);
            for (int x = 0; x < width; x++) dst[x] = (byte)(Unpack(raw, x, depth) * scale);
        }
    }

    public static void Expand16(ReadOnlySpan<byte> raw, Span<ushort> dst)
    {
        var bigEndian = MemoryMarshal.Cast<byte, ushort>(raw);
        if (BitConverter.IsLittleEndian) BinaryPrimitives.ReverseEndianness(bigEndian, dst);
        else bigEndian.CopyTo(dst);
    }

    static int Unpack(ReadOnlySpan<byte> raw, int x, int depth)
    {
        if (depth == 8) return raw[x];
        int bit = x * depth;
        return (raw[bit >> 3] >> (8 - depth - (bit & 7))) & ((1 << depth) - 1);
    }
}
