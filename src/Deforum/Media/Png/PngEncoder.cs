using System.Buffers.Binary;
using System.IO.Compression;

namespace Deforum.Media.Png;

/// <summary>Writes 8- or 16-bit gray, gray+alpha, RGB or RGBA images as non-interlaced PNG.</summary>
public static class PngEncoder
{
    const int MaxIdatChunk = 1 << 20;

    public static byte[] Encode(ImageBuffer<byte> image, PngEncodeOptions? options = null)
    {
        using var output = new MemoryStream();
        Encode(image, output, options);
        return output.ToArray();
    }

    public static byte[] Encode(ImageBuffer<ushort> image, PngEncodeOptions? options = null)
    {
        using var output = new MemoryStream();
        Encode(image, output, options);
        return output.ToArray();
    }

    public static void Encode(ImageBuffer<byte> image, Stream output, PngEncodeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        Write(output, image.Width, image.Height, image.Channels, 8, options, (y, dst) => image.Row(y).CopyTo(dst));
    }

    public static void Encode(ImageBuffer<ushort> image, Stream output, PngEncodeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        Write(output, image.Width, image.Height, image.Channels, 16, options, (y, dst) =>
        {
            var row = image.Row(y);
            for (int i = 0; i < row.Length; i++) BinaryPrimitives.WriteUInt16BigEndian(dst[(2 * i)..], row[i]);
        });
    }

    delegate void RowWriter(int y, Span<byte> dst);

    static void Write(Stream output, int width, int height, int channels, int depth, PngEncodeOptions? options, RowWriter rowBytes)
    {
        ArgumentNullException.ThrowIfNull(output);
        options ??= PngEncodeOptions.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(options.CompressionLevel, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.CompressionLevel, 9);
        var color = channels switch
        {
            1 => PngColorType.Gray,
            2 => PngColorType.GrayAlpha,
            3 => PngColorType.Rgb,
            _ => PngColorType.Rgba,
        };
        var header = new PngHeader(width, height, depth, color, Interlaced: false);

        output.Write(PngChunks.Signature);
        Span<byte> ihdr = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr[4..], height);
        ihdr[8] = (byte)depth;
        ihdr[9] = (byte)color;
        WriteChunk(output, PngChunks.IHDR, ihdr);

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, new ZLibCompressionOptions { CompressionLevel = options.CompressionLevel }, leaveOpen: true))
        {
            int n = header.RowBytes(width), bpp = header.FilterStride;
            var current = new byte[n];
            var prior = new byte[n];
            var filtered = new byte[1 + 5 * n];
            for (int y = 0; y < height; y++)
            {
                rowBytes(y, current);
                var type = options.Filter ?? PngFilters.ChooseAdaptive(current, prior, bpp, filtered.AsSpan(1));
                var chosen = filtered.AsSpan(1 + (int)type * n, n);
                if (options.Filter is not null) PngFilters.Apply(type, current, prior, bpp, chosen);
                // The filter byte goes right before the chosen slice so each row is one write.
                filtered[(int)type * n] = (byte)type;
                zlib.Write(filtered, (int)type * n, n + 1);
                (current, prior) = (prior, current);
            }
        }

        var idat = compressed.GetBuffer().AsSpan(0, (int)compressed.Length);
        for (int at = 0; at < idat.Length; at += MaxIdatChunk)
            WriteChunk(output, PngChunks.IDAT, idat.Slice(at, Math.Min(MaxIdatChunk, idat.Length - at)));
        WriteChunk(output, PngChunks.IEND, []);
    }

    static void WriteChunk(Stream output, uint type, ReadOnlySpan<byte> data)
    {
        Span<byte> head = stackalloc byte[8];
        BinaryPrimitives.WriteInt32BigEndian(head, data.Length);
        BinaryPrimitives.WriteUInt32BigEndian(head[4..], type);
        output.Write(head);
        output.Write(data);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32.Append(Crc32.Compute(head[4..]), data));
        output.Write(crc);
    }
}
