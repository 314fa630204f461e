using Deforum.Torch;
using Deforum.Torch.Modules;

namespace Deforum.Rendering;

/// <summary>
/// Depth of a frame for the 3D warp and the saved depth maps (the MiDaS/AdaBins blend of spec §12.2, or
/// <see cref="DepthAnythingEstimator"/>'s mapped Depth-Anything-V2 output): an H×W×3 RGB
/// frame (uint8, or float32 for cadence buffers) → float32 [H, W], larger = farther. The caller owns the result;
/// the estimator owns its networks.
/// </summary>
public interface IDepthEstimator : IDisposable
{
    Tensor Predict(Tensor frame);

    /// <summary>The networks it runs (borrowed), for low_vram's moves between devices; none for an estimator without weights.</summary>
    IReadOnlyList<Module> Networks { get; }
}
