using Deforum.Media;
using Deforum.Torch;

namespace Deforum.Rendering;

/// <summary>
/// Writes each image as a PNG named by the plan into one folder, atomically: a cancelled run leaves no partial file;
/// reads a frame back from it (as RGB, like the original's cv2.imread + BGR→RGB) to resume.
/// </summary>
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

    public Tensor Read(string fileName)
    {
        var rgb = ImageChannels.Convert(ImageFile.Read(Path.Combine(Folder, fileName)), 3);
        return Tensor.From<byte>(rgb.Pixels, [rgb.Height, rgb.Width, 3]); // [H, W, 3]
    }
}
