namespace Deforum.Media.Png;

/// <summary>The chunks of a PNG that decoding needs: header, palette/transparency, and the joined IDAT data.</summary>
internal sealed class PngContents
{
    PngContents(PngHeader header, PngScanlines scanlines, byte[] imageData)
    {
        Header = header;
        Scanlines = scanlines;
        ImageData = imageData;
    }

    public PngHeader Header { get; }
    public PngScanlines Scanlines { get; }
    public byte[] ImageData { get; }

    public static PngContents Parse(ReadOnlySpan<byte> png)
    {
        var reader = new PngChunkReader(png);
        var header = reader.ReadHeader();
        ReadOnlySpan<byte> plte = default, trns = default;
        using var idat = new MemoryStream();
        while (true)
        {
            reader.Next(out uint type, out var data);
            switch (type)
            {
                case PngChunks.IEND:
                    if (idat.Length == 0) throw new PngFormatException("PNG has no IDAT chunk: it contains no image data");
                    return new PngContents(header, new PngScanlines(header, plte, trns), idat.ToArray());
                case PngChunks.IDAT:
                    idat.Write(data);
                    break;
                case PngChunks.PLTE:
                    if (data.Length % 3 != 0 || data.Length == 0 || data.Length > 768)
                        throw new PngFormatException($"PNG PLTE chunk has {data.Length} bytes; it must hold 1–256 RGB entries");
                    plte = data;
                    break;
                case PngChunks.tRNS:
                    trns = data;
                    break;
                default:
                    if (PngChunks.IsCritical(type))
                        throw new PngFormatException($"PNG contains the critical chunk '{PngChunkReader.Name(type)}', which this decoder does not know");
                    break;
            }
        }
    }
}
