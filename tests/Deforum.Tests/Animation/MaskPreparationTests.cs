using Deforum.Animation.Masks;
using Deforum.Torch;
using Xunit;

namespace Deforum.Tests.Animation;

/// <summary>
/// Mask adjustments (Pillow semantics, the swapped settings) and the overlay mask on hand-derived values, at the
/// image's own size so the Lanczos resize is the identity; MaskParityTests covers the golden cases.
/// </summary>
public class MaskPreparationTests
{
    static readonly byte[] Ramp = [0, 100, 200, 255];

    /// <summary>float32 round-off of one subtraction / of a 9-tap float64 sum stored as float32.</summary>
    const float Fp32Tolerance = 1e-6f;

    /// <summary>Accumulated float32 storage of ~400 blurred values summed back up.</summary>
    const double MassTolerance = 1e-5;

    static Tensor Grey(byte[] values, int height, int width) => Tensor.From<byte>(values, [height, width, 1]);

    /// <summary>The first channel of a prepared mask as 8-bit levels.</summary>
    static float[] Levels(Tensor mask) => mask.Select(1, 0).ToArray<float>().Select(v => v * 255f).ToArray();

    static float[] Prepared(byte[] values, double brightness, double contrast) =>
        Levels(MaskPreparation.Prepare(Grey(values, 1, values.Length), values.Length, 1, brightness, contrast, invert: false));

    [Fact]
    public void Brightness_scales_and_truncates()
    {
        using var scope = DisposeScope.Begin();
        Assert.Equal([0f, 0, 1, 127], Prepared([0, 1, 3, 255], 0.5, 1), new FloatTolerance(Fp32Tolerance * 255));
        Assert.Equal([0f, 2, 6, 255], Prepared([0, 1, 3, 255], 2, 1), new FloatTolerance(Fp32Tolerance * 255));
    }

    [Fact]
    public void Contrast_pivots_on_the_rounded_mean_and_clips()
    {
        using var scope = DisposeScope.Begin();
        // mean 138.75 → 139; 139 + 2·(v − 139)
        Assert.Equal([0f, 61, 255, 255], Prepared(Ramp, 1, 2), new FloatTolerance(Fp32Tolerance * 255));
        // 139 + 0.5·(v − 139), truncated: 69.5 → 69, 119.5 → 119, 169.5 → 169, 197
        Assert.Equal([69f, 119, 169, 197], Prepared(Ramp, 1, 0.5), new FloatTolerance(Fp32Tolerance * 255));
    }

    [Fact]
    public void The_contrast_setting_drives_brightness_and_the_brightness_setting_drives_contrast()
    {
        using var scope = DisposeScope.Begin();
        var image = Grey(Ramp, 1, 4);
        Assert.Equal(Prepared(Ramp, 0.5, 2),
            Levels(MaskPreparation.PrepareFromSettings(image, 4, 1, maskBrightnessAdjust: 2, maskContrastAdjust: 0.5, invertMask: false)));
    }

    [Fact]
    public void Prepared_mask_scales_inverts_and_tiles_to_four_channels()
    {
        using var scope = DisposeScope.Begin();
        var m = MaskPreparation.Prepare(Grey(Ramp, 2, 2), 2, 2, 1, 1, invert: false);
        Assert.Equal([1L, 4, 2, 2], m.Shape);
        var values = m.ToArray<float>();
        Assert.Equal([0f, 100 / 255f, 200 / 255f, 1f], values[..4]);
        Assert.Equal(values[..4], values[^4..]);
        var inverted = MaskPreparation.Prepare(Grey(Ramp, 2, 2), 2, 2, 1, 1, invert: true).ToArray<float>();
        Assert.Equal(1f, inverted[0]);
        Assert.Equal(0f, inverted[3]);
        Assert.Equal(1 - 100 / 255f, inverted[1], Fp32Tolerance);
    }

    [Fact]
    public void Overlay_mask_keeps_only_the_maximum()
    {
        using var scope = DisposeScope.Begin();
        var overlay = MaskPreparation.OverlayMask(Grey([51, 204, 128, 204], 1, 4), 4, 1, 1, 1, false, overlayBlur: 0);
        Assert.Equal([1L, 3, 1, 4], overlay.Shape);
        Assert.Equal([0f, 204 / 255f, 0f, 204 / 255f], overlay.Select(1, 0).ToArray<float>());
    }

    [Fact]
    public void Overlay_blur_is_scipys_gaussian_filter_with_reflect_borders()
    {
        using var scope = DisposeScope.Begin();
        const int n = 21;
        var impulse = new byte[n * n];
        impulse[10 * n + 10] = 255;
        var blurred = Blurred(impulse, n, n, 1.0);
        // radius int(4·1 + 0.5) = 4; centre weight 1/Σ_{|x|≤4} e^{−x²/2}
        double w0 = 1 / Enumerable.Range(-4, 9).Sum(x => Math.Exp(-0.5 * x * x));
        Assert.Equal(w0 * w0, blurred[10 * n + 10], Fp32Tolerance);
        Assert.Equal(0f, blurred[10 * n + 15]); // beyond the radius
        Assert.Equal(1.0, blurred.Sum(v => (double)v), MassTolerance);

        var corner = new byte[n * n];
        corner[0] = 255;
        Assert.Equal(1.0, Blurred(corner, n, n, 2.0).Sum(v => (double)v), MassTolerance); // reflection folds mass back

        var flat = Enumerable.Repeat((byte)178, 6 * 5).ToArray();
        Assert.All(Blurred(flat, 6, 5, 3.0), v => Assert.Equal(178 / 255f, v, Fp32Tolerance));
    }

    static float[] Blurred(byte[] grey, int height, int width, double sigma) =>
        MaskPreparation.OverlayMask(Grey(grey, height, width), width, height, 1, 1, false, sigma).Select(1, 0).ToArray<float>();

    sealed class FloatTolerance(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(float obj) => 0;
    }
}
