using Deforum.Sampling;
using Deforum.Torch;
using Xunit;

namespace Deforum.Tests.Sampling;

/// <summary>Mask adjustments (Pillow semantics, swapped factors) and the overlay after decoding, on hand-derived values.</summary>
public class MaskPreparationTests
{
    static readonly byte[] Ramp = [0, 100, 200, 255];

    /// <summary>float32 round-off of one subtraction / of a 9-tap float64 sum stored as float32.</summary>
    const float Fp32Tolerance = 1e-6f;

    /// <summary>Accumulated float32 storage of ~400 blurred values summed back up.</summary>
    const double MassTolerance = 1e-5;

    [Fact]
    public void Brightness_scales_and_truncates()
    {
        Assert.Equal([0, 0, 1, 127], MaskPreparation.Brightness([0, 1, 3, 255], 0.5));
        Assert.Equal([0, 2, 6, 255], MaskPreparation.Brightness([0, 1, 3, 255], 2));
    }

    [Fact]
    public void Contrast_pivots_on_the_rounded_mean_and_clips()
    {
        // mean 138.75 → 139; 139 + 2·(v − 139)
        Assert.Equal([0, 61, 255, 255], MaskPreparation.Contrast(Ramp, 2));
        // 139 + 0.5·(v − 139), truncated: 69.5 → 69, 119.5 → 119, 169.5 → 169, 197
        Assert.Equal([69, 119, 169, 197], MaskPreparation.Contrast(Ramp, 0.5));
    }

    [Fact]
    public void The_contrast_setting_drives_brightness_and_the_brightness_setting_drives_contrast()
    {
        Assert.Equal(MaskPreparation.Brightness(Ramp, 0.5), MaskPreparation.Adjust(Ramp, maskContrastAdjust: 0.5, maskBrightnessAdjust: 1));
        Assert.Equal(MaskPreparation.Contrast(Ramp, 2), MaskPreparation.Adjust(Ramp, maskContrastAdjust: 1, maskBrightnessAdjust: 2));
        Assert.Equal(MaskPreparation.Contrast(MaskPreparation.Brightness(Ramp, 0.5), 2), MaskPreparation.Adjust(Ramp, 0.5, 2));
        Assert.Equal(Ramp, MaskPreparation.Adjust(Ramp, 1, 1));
    }

    [Fact]
    public void To_tensor_scales_inverts_tiles_and_repeats()
    {
        using var scope = DisposeScope.Begin();
        var m = MaskPreparation.ToTensor(Ramp, 2, 2, channels: 4, batch: 2, invert: false);
        Assert.Equal([2L, 4, 2, 2], m.Shape);
        var values = m.ToArray<float>();
        Assert.Equal([0f, 100 / 255f, 200 / 255f, 1f], values[..4]);
        Assert.Equal(values[..4], values[^4..]);
        var inverted = MaskPreparation.ToTensor(Ramp, 2, 2, channels: 3, batch: 1, invert: true).ToArray<float>();
        Assert.Equal(1f, inverted[0]);
        Assert.Equal(0f, inverted[3]);
        Assert.Equal(1 - 100 / 255f, inverted[1], Fp32Tolerance);
        Assert.Throws<ArgumentException>(() => MaskPreparation.ToTensor(Ramp, 3, 2, 4, 1, false));
    }

    [Fact]
    public void Overlay_mask_keeps_only_the_maximum()
    {
        Assert.Equal([0f, 0.8f, 0f, 0.8f], MaskOverlay.Binarize([0.2f, 0.8f, 0.5f, 0.8f]));
    }

    [Fact]
    public void Blur_is_scipys_gaussian_filter_with_reflect_borders()
    {
        const int n = 21;
        var impulse = new float[n * n];
        impulse[10 * n + 10] = 1;
        var blurred = MaskOverlay.GaussianBlur(impulse, n, n, 1.0);
        // radius int(4·1 + 0.5) = 4; centre weight 1/Σ_{|x|≤4} e^{−x²/2}
        double w0 = 1 / Enumerable.Range(-4, 9).Sum(x => Math.Exp(-0.5 * x * x));
        Assert.Equal(w0 * w0, blurred[10 * n + 10], Fp32Tolerance);
        Assert.Equal(0f, blurred[10 * n + 15]);  // beyond the radius
        Assert.Equal(1.0, blurred.Sum(v => (double)v), MassTolerance);

        var corner = new float[n * n];
        corner[0] = 1;
        Assert.Equal(1.0, MaskOverlay.GaussianBlur(corner, n, n, 2.0).Sum(v => (double)v), MassTolerance);  // reflection folds mass back

        var flat = Enumerable.Repeat(0.7f, 6 * 5).ToArray();
        Assert.All(MaskOverlay.GaussianBlur(flat, 6, 5, 3.0), v => Assert.Equal(0.7f, v, Fp32Tolerance));
    }

    [Fact]
    public void Overlay_pastes_the_original_where_white()
    {
        using var scope = DisposeScope.Begin();
        var original = Tensor.Full([1, 3, 1, 3], 1.0);
        var decoded = Tensor.Full([1, 3, 1, 3], -1.0);
        var mask = MaskOverlay.Prepare([1f, 0.25f, 1f], 1, 3, blurSigma: 0, batch: 1);
        Assert.Equal([1L, 3, 1, 3], mask.Shape);
        Assert.Equal([1f, -1f, 1f], MaskOverlay.Apply(original, decoded, mask).ToArray<float>()[..3]);
        var soft = Tensor.From<float>([0.25f, 0.25f, 0.25f, 0.25f, 0.25f, 0.25f, 0.25f, 0.25f, 0.25f], [1, 3, 1, 3]);
        Assert.All(MaskOverlay.Apply(original, decoded, soft).ToArray<float>(), v => Assert.Equal(-0.5f, v));
    }
}
