namespace Deforum.Media.Ffmpeg;

/// <summary>Decodes formats other than PNG (JPEG, WebP, BMP, GIF, TIFF …) by letting ffmpeg transcode the first frame.</summary>
public static class FfmpegImageDecoder
{
    /// <summary>
    /// ffmpeg re-encodes the picture as an uncompressed PNG on stdout, which carries the size and keeps alpha
    /// and gray without parsing ffmpeg's log; <see cref="Png.PngDecoder"/> then reads it.
    /// </summary>
    public static ImageBuffer<byte> Decode(FfmpegTool ffmpeg, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ffmpeg);
        string full = Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new FileNotFoundException($"image file '{full}' does not exist; check the init image / mask path", full);
        using var process = FfmpegProcess.Start(ffmpeg,
            ["-loglevel", "error", "-i", full, "-frames:v", "1", "-f", "image2pipe", "-c:v", "png", "-compression_level", "0", "pipe:1"],
            FfmpegStdout.Capture);
        process.WaitAsync($"decode the image '{full}' (is it a picture in a format ffmpeg reads?)", cancellationToken).GetAwaiter().GetResult();
        return Png.PngDecoder.Decode(process.CapturedOutput);
    }
}
