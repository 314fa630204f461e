using Deforum.Models.Nn;
using Deforum.Torch;
using Deforum.Torch.Modules;

namespace Deforum.Models.AdaBins;

/// <summary>
/// Bilinear (align_corners) up-sampling to the skip's size, concatenation with it, then twice conv 3×3 → BatchNorm →
/// LeakyReLU (keys _net.0 … _net.5). Port of shariqfarooq123/AdaBins models/unet_adaptive_bins.py::UpSampleBN.
/// </summary>
internal sealed class UpSampleBN : Module
{
    readonly Sequential _net;

    public UpSampleBN(int skipInput, int outputFeatures) =>
        _net = Register("_net", new Sequential(
            new Conv2d(skipInput, outputFeatures, 3, padding: 1), new BatchNorm2d(outputFeatures), new LeakyReLU(),
            new Conv2d(outputFeatures, outputFeatures, 3, padding: 1), new BatchNorm2d(outputFeatures), new LeakyReLU()));

    /// <summary>x [B, C, h, w], skip [B, Cs, H, W] → [B, out, H, W].</summary>
    public Tensor Forward(Tensor x, Tensor skip)
    {
        using var scope = DisposeScope.Begin();
        var up = F.Interpolate(x, (skip.Size(2), skip.Size(3)), InterpolateMode.Bilinear, alignCorners: true);
        return scope.MoveToOuter(_net.Forward(Tensor.Cat([up, skip], 1))); // [B, C + Cs, H, W] in
    }
}
