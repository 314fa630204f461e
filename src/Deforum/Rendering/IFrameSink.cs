using Deforum.Torch;

namespace Deforum.Rendering;

/// <summary>What a finished image is: a frame (or still image), the depth map or side-by-side eye views saved beside it, or a still batch's grid.</summary>
public enum OutputKind { Frame, DepthMap, Stereo, Grid }

/// <summary>A finished image: H×W×3 uint8 RGB on the CPU, owned by the renderer (copy it to keep it).</summary>
public sealed record RenderedImage(int Index, OutputKind Kind, string FileName, Tensor Image);

/// <summary>
/// Receives every image the renderer finishes, in plan order, and the 2D/3D loop state after each diffused frame;
/// gives back the state (or, for a run without one, the frame) a resumed run continues from.
/// </summary>
public interface IFrameSink
{
    /// <summary>Stores the image; returns where it went (a full path for a folder of files).</summary>
    string Write(RenderedImage image);

    /// <summary>A frame written earlier (by this run or the run being resumed): H×W×3 uint8 RGB on the CPU.</summary>
    Tensor Read(string fileName);

    /// <summary>Keeps <paramref name="state"/> in place of the run's previous one (atomically for files); the renderer still owns it.</summary>
    void SaveState(LoopState state);

    /// <summary>The last state <see cref="SaveState"/> kept for the run <paramref name="timestring"/>; the caller owns it.</summary>
    LoopState LoadState(string timestring);
}
