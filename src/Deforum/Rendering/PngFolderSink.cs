using Deforum.Animation;
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
        var pixels = FrameConversions.ToImageBuffer(image.Image); // [H, W, 3]
        Directory.CreateDirectory(Folder);
        ImageFile.WritePng(Path.Combine(Folder, image.FileName), pixels);
    }

    public Tensor Read(string fileName) => FrameConversions.FromImageBuffer(ImageFile.Read(Path.Combine(Folder, fileName)));
}
