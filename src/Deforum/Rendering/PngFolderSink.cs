using Deforum.Animation;
using Deforum.Media;
using Deforum.Outputs;
using Deforum.Torch;

namespace Deforum.Rendering;

/// <summary>
/// Writes each image as a PNG named by the plan into one folder, atomically: a cancelled run leaves no partial file;
/// reads a frame back from it (as RGB, like the original's cv2.imread + BGR→RGB) to resume; keeps the loop state beside
/// the frames as {timestring}.resume.safetensors.
/// </summary>
public sealed class PngFolderSink(string folder) : IFrameSink
{
    public string Folder { get; } = folder;

    public string Write(RenderedImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var pixels = FrameConversions.ToImageBuffer(image.Image); // [H, W, 3]
        var path = Path.GetFullPath(Path.Combine(Folder, image.FileName));
        ImageFile.WritePng(path, pixels);
        return path;
    }

    public Tensor Read(string fileName) => FrameConversions.FromImageBuffer(ImageFile.Read(Path.Combine(Folder, fileName)));

    public void SaveState(LoopState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.Save(Path.Combine(Folder, OutputPaths.ResumeStateFile(state.Info.Timestring)));
    }

    public LoopState LoadState(string timestring) => LoopState.Load(Path.Combine(Folder, OutputPaths.ResumeStateFile(timestring)));
}
