using Deforum.Media.Ffmpeg;
using Deforum.Media.Png;

namespace Deforum.Media;

/// <summary>Reads images from disk in any common format and writes PNGs atomically.</summary>
public static class ImageFile
{
    /// <summary>PNGs are decoded here; any other format goes through ffmpeg (<see cref="FfmpegTool.Default"/> unless given).</summary>
    public static ImageBuffer<byte> Read(string path, FfmpegTool? ffmpeg = null)
    {
        string full = Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new FileNotFoundException($"image file '{full}' does not exist; check the init image / mask path", full);
        var bytes = File.ReadAllBytes(full);
        if (!bytes.AsSpan().StartsWith(PngChunks.Signature))
            return FfmpegImageDecoder.Decode(ffmpeg ?? FfmpegTool.Default, full);
        try
        {
            return PngDecoder.Decode(bytes);
        }
        catch (PngFormatException e)
        {
            throw new PngFormatException($"cannot read '{full}': {e.Message}", e);
        }
    }

    public static void WritePng(string path, ImageBuffer<byte> image, PngEncodeOptions? options = null) =>
        AtomicFile.Write(path, stream => PngEncoder.Encode(image, stream, options));

    /// <summary>16-bit output, e.g. depth maps.</summary>
    public static void WritePng(string path, ImageBuffer<ushort> image, PngEncodeOptions? options = null) =>
        AtomicFile.Write(path, stream => PngEncoder.Encode(image, stream, options));
}
