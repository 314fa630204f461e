using Deforum.Torch;

namespace Deforum.Rendering;

/// <summary>What a finished image is: a frame (or still image), the depth map saved beside it, or a still batch's grid.</summary>
public enum OutputKind { Frame, DepthMap, Grid }

/// <summary>A finished image: H×W×3 uint8 RGB on the CPU, owned by the renderer (copy it to keep it).</summary>
public sealed record RenderedImage(int Index, OutputKind Kind, string FileName, Tensor Image);

/// <summary>Receives every image the renderer finishes, in plan order, and gives back the frame a resumed run continues from.</summary>
public interface IFrameSink
{
    /// <summary>Stores the image; returns where it went (a full path for a folder of files).</summary>
    string Write(RenderedImage image);

    /// <summary>A frame written earlier (by this run or the run being resumed): H×W×3 uint8 RGB on the CPU.</summary>
    Tensor Read(string fileName);
}
