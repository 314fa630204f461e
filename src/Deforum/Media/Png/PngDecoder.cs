using System.IO.Compression;

namespace Deforum.Media.Png;

/// <summary>
/// Decodes any standard PNG: every colour type and bit depth, palettes (with tRNS alpha), and Adam7
/// interlacing. Gray+alpha stays two channels; use <see cref="ImageChannels"/> to get RGB or RGBA.
/// </summary>
public static class PngDecoder
{
    delegate void RowExpander<T>(ReadOnlySpan<byte> raw, int width, Span<T> dst);

    static readonly RowExpander<ushort> ExpandWide = (raw, _, dst) => PngScanlines.Expand16(raw, dst);

    public static PngHeader ReadHeader(ReadOnlySpan<byte> png) => new PngChunkReader(png).ReadHeader();

    /// <summary>8-bit samples; 16-bit files keep their high byte (Pillow's reading of 16-bit RGB).</summary>
    public static ImageBuffer<byte> Decode(ReadOnlySpan<byte> png)
    {
        var contents = PngContents.Parse(png);
        if (contents.Header.BitDepth != 16) return DecodeNative<byte>(contents, contents.Scanlines.Expand);
        var wide = DecodeNative(contents, ExpandWide);
        var narrow = new ImageBuffer<byte>(wide.Width, wide.Height, wide.Channels);
        var src = wide.Pixels;
        var dst = narrow.Pixels;
        for (int i = 0; i < src.Length; i++) dst[i] = (byte)(src[i] >> 8);
        return narrow;
    }

    /// <summary>16-bit samples; files of 8 bits or less are scaled by 257 so that 255 becomes 65535.</summary>
    public static ImageBuffer<ushort> Decode16(ReadOnlySpan<byte> png)
    {
        var contents = PngContents.Parse(png);
        if (contents.Header.BitDepth == 16) return DecodeNative(contents, ExpandWide);
        var narrow = DecodeNative<byte>(contents, contents.Scanlines.Expand);
        var wide = new ImageBuffer<ushort>(narrow.Width, narrow.Height, narrow.Channels);
        var src = narrow.Pixels;
        var dst = wide.Pixels;
        for (int i = 0; i < src.Length; i++) dst[i] = (ushort)(src[i] * 257);
        return wide;
    }

    static ImageBuffer<T> DecodeNative<T>(PngContents contents, RowExpander<T> expand) where T : unmanaged
    {
        var header = contents.Header;
        var passes = PngPass.For(header);
        long total = 0;
        foreach (var pass in passes)
            if (!pass.IsEmpty) total += (long)pass.Height * (1 + header.RowBytes(pass.Width));
        int channels = contents.Scanlines.OutputChannels;
        if (total > Array.MaxLength || (long)header.Width * header.Height * channels > Array.MaxLength)
            throw new PngFormatException($"PNG of {header.Width}x{header.Height} is too large to decode into memory");

        var raw = Inflate(contents.ImageData, (int)total);
        var image = new ImageBuffer<T>(header.Width, header.Height, channels);
        var zeros = new byte[header.RowBytes(header.Width)];
        var passRow = header.Interlaced ? new T[header.Width * channels] : [];
        int bpp = header.FilterStride, offset = 0;
        foreach (var pass in passes)
        {
            if (pass.IsEmpty) continue;
            int rowBytes = header.RowBytes(pass.Width);
            ReadOnlySpan<byte> prior = zeros.AsSpan(0, rowBytes);
            for (int y = 0; y < pass.Height; y++)
            {
                var filter = (PngFilterType)raw[offset];
                var row = raw.AsSpan(offset + 1, rowBytes);
                PngFilters.Unfilter(filter, row, prior, bpp);
                prior = row;
                offset += 1 + rowBytes;
                if (!header.Interlaced)
                {
                    expand(row, pass.Width, image.Row(y));
                    continue;
                }
                var samples = passRow.AsSpan(0, pass.Width * channels);
                expand(row, pass.Width, samples);
                var target = image.Row(pass.YStart + y * pass.YStep);
                for (int x = 0; x < pass.Width; x++)
                    samples.Slice(x * channels, channels).CopyTo(target[((pass.XStart + x * pass.XStep) * channels)..]);
            }
        }
        return image;
    }

    static byte[] Inflate(byte[] compressed, int expected)
    {
        var raw = new byte[expected];
        try
        {
            using var zlib = new ZLibStream(new MemoryStream(compressed), CompressionMode.Decompress);
            int read = zlib.ReadAtLeast(raw, expected, throwOnEndOfStream: false);
            if (read < expected)
                throw new PngFormatException($"PNG image data is truncated: it inflates to {read} bytes but {expected} are needed");
            // Reading on to the end of the zlib stream makes the inflater verify its Adler-32 checksum.
            Span<byte> rest = stackalloc byte[64];
            while (zlib.Read(rest) > 0) { }
        }
        catch (InvalidDataException e)
        {
            throw new PngFormatException($"PNG image data is not valid zlib data ({e.Message}): the file is corrupt", e);
        }
        return raw;
    }
}
