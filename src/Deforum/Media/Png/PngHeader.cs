namespace Deforum.Media.Png;

/// <summary>The IHDR fields of a PNG, validated against the combinations the specification allows.</summary>
public readonly record struct PngHeader(int Width, int Height, int BitDepth, PngColorType ColorType, bool Interlaced)
{
    /// <summary>Samples per pixel as stored in the file (a palette index counts as one).</summary>
    public int StoredChannels => ColorType switch
    {
        PngColorType.Gray or PngColorType.Palette => 1,
        PngColorType.GrayAlpha => 2,
        PngColorType.Rgb => 3,
        _ => 4,
    };

    /// <summary>Bytes of one scanline of <paramref name="width"/> pixels, without its filter byte.</summary>
    internal int RowBytes(int width) => (int)(((long)width * StoredChannels * BitDepth + 7) / 8);

    /// <summary>The distance, in bytes, to the corresponding byte of the previous pixel (at least 1).</summary>
    internal int FilterStride => Math.Max(1, StoredChannels * BitDepth / 8);

    internal static PngHeader Parse(ReadOnlySpan<byte> ihdr)
    {
        if (ihdr.Length != 13) throw new PngFormatException($"PNG IHDR chunk has {ihdr.Length} bytes; it must have 13");
        uint width = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(ihdr);
        uint height = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(ihdr[4..]);
        int depth = ihdr[8];
        var color = (PngColorType)ihdr[9];
        if (width is 0 or > int.MaxValue || height is 0 or > int.MaxValue)
            throw new PngFormatException($"PNG size {width}x{height} is invalid");
        bool depthOk = color switch
        {
            PngColorType.Gray => depth is 1 or 2 or 4 or 8 or 16,
            PngColorType.Palette => depth is 1 or 2 or 4 or 8,
            PngColorType.Rgb or PngColorType.GrayAlpha or PngColorType.Rgba => depth is 8 or 16,
            _ => throw new PngFormatException($"PNG colour type {(int)color} is not defined by the specification"),
        };
        if (!depthOk) throw new PngFormatException($"PNG bit depth {depth} is not allowed with colour type {color}");
        if (ihdr[10] != 0) throw new PngFormatException($"PNG compression method {ihdr[10]} is unknown (only 0, deflate, exists)");
        if (ihdr[11] != 0) throw new PngFormatException($"PNG filter method {ihdr[11]} is unknown (only 0 exists)");
        if (ihdr[12] > 1) throw new PngFormatException($"PNG interlace method {ihdr[12]} is unknown (0 none, 1 Adam7)");
        return new PngHeader((int)width, (int)height, depth, color, ihdr[12] == 1);
    }
}
