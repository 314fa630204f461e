using Deforum.Torch;
using Deforum.Torch.Modules;

namespace Deforum.Models.DepthAnything;

/// <summary>
/// Non-overlapping p×p patches → tokens by one strided convolution.
/// Port of DepthAnything/Depth-Anything-V2 depth_anything_v2/dinov2_layers/patch_embed.py::PatchEmbed (no norm).
/// </summary>
internal sealed class PatchEmbed : Module
{
    readonly Conv2d _proj;

    public PatchEmbed(int patchSize, int embedDim) =>
        _proj = Register("proj", new Conv2d(3, embedDim, patchSize, stride: patchSize));

    /// <summary>x [B, 3, H, W] (H, W multiples of the patch) → tokens [B, H/p · W/p, C], row-major over the patch grid.</summary>
    public Tensor Forward(Tensor x)
    {
        using var scope = DisposeScope.Begin();
        var grid = _proj.Forward(x);                                   // [B, C, H/p, W/p]
        return scope.MoveToOuter(grid.Flatten(2).Transpose(1, 2));     // [B, N, C]
    }
}
