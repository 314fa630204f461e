using Deforum.Torch;

namespace Deforum.Sampling;

/// <summary>
/// Pastes the init image back over the decoded image where the overlay mask is white (algorithms.md §9.5 step 5,
/// 0.4-late/0.5 `overlay_mask`); the mask itself is built by <see cref="Animation.Masks.MaskPreparation.OverlayMask"/>.
/// Port of deforum-stable-diffusion helpers/generate.py's overlay step.
/// </summary>
public static class MaskOverlay
{
    /// <summary>original·m + decoded·(1 − m), images [B, 3, H, W] in [-1, 1], mask [B, 3, H, W] in [0, 1].</summary>
    public static Tensor Apply(Tensor original, Tensor decoded, Tensor mask)
    {
        using var scope = DisposeScope.Begin();
        return scope.MoveToOuter(original.Mul(mask).Add(decoded.Mul(mask.Neg().Add(1))));
    }
}
