using Deforum.Media;
using Deforum.Torch;

namespace Deforum.Rendering;

/// <summary>Writes each image as a PNG named by the plan into one folder, atomically: a cancelled run leaves no partial file.</summary>
public sealed class PngFolderSink(string folder) : IFrameSink
{
    public string Folder { get; } = folder;

    public void Write(RenderedImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var shape = image.Image.Shape; // [H, W, 3]
        byte[] pixels;
        using (DisposeScope.Begin())
            pixels = image.Image.To(Device.Cpu, DType.UInt8).Contiguous().ToArray<byte>();
        Directory.CreateDirectory(Folder);
        ImageFile.WritePng(Path.Combine(Folder, image.FileName), new ImageBuffer<byte>((int)shape[1], (int)shape[0], (int)shape[2], pixels));
    }
}
