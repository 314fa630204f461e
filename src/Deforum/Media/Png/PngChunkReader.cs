using System.Buffers.Binary;
using System.Text;

namespace Deforum.Media.Png;

/// <summary>Walks the chunks of a PNG file, checking the signature, every length and every CRC.</summary>
internal ref struct PngChunkReader
{
    readonly ReadOnlySpan<byte> _png;
    int _offset;

    public PngChunkReader(ReadOnlySpan<byte> png)
    {
        if (png.Length < PngChunks.Signature.Length || !png[..PngChunks.Signature.Length].SequenceEqual(PngChunks.Signature))
            throw new PngFormatException("not a PNG file: the 8-byte PNG signature is missing");
        _png = png;
        _offset = PngChunks.Signature.Length;
    }

    /// <summary>Reads the next chunk; a file that stops before IEND is reported as truncated.</summary>
    public void Next(out uint type, out ReadOnlySpan<byte> data)
    {
        int at = _offset;
        if (_png.Length - at < 12)
            throw new PngFormatException($"PNG file is truncated: it ends at byte {_png.Length} before its IEND chunk");
        uint length = BinaryPrimitives.ReadUInt32BigEndian(_png[at..]);
        type = BinaryPrimitives.ReadUInt32BigEndian(_png[(at + 4)..]);
        if (length > int.MaxValue)
            throw new PngFormatException($"PNG chunk '{Name(type)}' at byte {at} declares an impossible length {length}: the file is corrupt");
        if (length > _png.Length - at - 12)
            throw new PngFormatException(
                $"PNG file is truncated: chunk '{Name(type)}' at byte {at} declares {length} bytes but only {_png.Length - at - 12} follow");
        var typeAndData = _png.Slice(at + 4, 4 + (int)length);
        uint stored = BinaryPrimitives.ReadUInt32BigEndian(_png[(at + 8 + (int)length)..]);
        uint actual = Crc32.Compute(typeAndData);
        if (stored != actual)
            throw new PngFormatException(
                $"PNG chunk '{Name(type)}' at byte {at} fails its CRC check (stored 0x{stored:X8}, computed 0x{actual:X8}): the file is corrupt");
        data = typeAndData[4..];
        _offset = at + 12 + (int)length;
    }

    /// <summary>Reads the first chunk, which the specification requires to be IHDR.</summary>
    public PngHeader ReadHeader()
    {
        Next(out uint type, out var data);
        if (type != PngChunks.IHDR) throw new PngFormatException($"PNG starts with chunk '{Name(type)}' instead of IHDR");
        return PngHeader.Parse(data);
    }

    public static string Name(uint type)
    {
        Span<byte> ascii = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(ascii, type);
        return Encoding.Latin1.GetString(ascii);
    }
}
