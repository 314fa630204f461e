using Deforum.Animation;
using Deforum.Animation.Color;
using Deforum.Animation.Depth;
using Deforum.Animation.Masks;
using Deforum.Torch;
using Xunit;

namespace Deforum.Tests.Animation;

/// <summary>
/// Properties every input must keep where an exact reference is not the point (issue 12); the exact references are
/// the golden, regression and generated cases.
/// </summary>
public class ImagePropertyTests
{
    static Tensor Noise(int h, int w, int channels, int seed)
    {
        var random = new Random(seed);
        var data = new byte[h * w * channels];
        random.NextBytes(data);
        return Tensor.From<byte>(data.AsSpan(), [h, w, channels]);
    }

    [Fact]
    public void Rgb_colour_match_of_a_frame_to_itself_is_the_frame()
    {
        using var scope = DisposeScope.Begin();
        var frame = Noise(37, 70, 3, 1);
        Assert.Equal(TestImages.Bytes(frame), TestImages.Bytes(ColorCoherence.Match(frame, frame, ColorCoherenceMode.MatchFrame0Rgb)));
    }

    /// <summary>Matching a frame to itself changes nothing in the colour space, so only OpenCV's round trip remains.</summary>
    [Theory]
    [InlineData(ColorCoherenceMode.MatchFrame0Hsv)]
    [InlineData(ColorCoherenceMode.MatchFrame0Lab)]
    public void Colour_match_of_a_frame_to_itself_is_the_colour_space_round_trip(ColorCoherenceMode mode)
    {
        using var scope = DisposeScope.Begin();
        var frame = Noise(37, 70, 3, 2); // 70 = two 32-pixel vector blocks and a scalar tail per row
        var roundTrip = mode == ColorCoherenceMode.MatchFrame0Hsv
            ? ColorSpaces.HsvToRgb(ColorSpaces.RgbToHsv(frame))
            : ColorSpaces.LabToRgb(ColorSpaces.RgbToLab(frame));
        Assert.Equal(TestImages.Bytes(roundTrip), TestImages.Bytes(ColorCoherence.Match(frame, frame, mode)));
    }

    /// <summary>The vector blocks truncate and the row tail rounds: the same HSV pixel may differ by one level, never more.</summary>
    [Fact]
    public void Hsv_to_rgb_differs_between_vector_blocks_and_row_tails_by_at_most_one_level()
    {
        using var scope = DisposeScope.Begin();
        var hsv = Noise(16, 33, 3, 3);
        var allVector = ColorSpaces.HsvToRgb(hsv.Narrow(1, 1, 32).Contiguous()); // width 32: one vector block
        var lastInTail = ColorSpaces.HsvToRgb(hsv).Narrow(1, 1, 32).Contiguous(); // width 33: column 32 is the scalar tail
        var a = TestImages.Bytes(allVector);
        var b = TestImages.Bytes(lastInTail);
        Assert.All(a.Zip(b), p => Assert.InRange(Math.Abs(p.First - p.Second), 0, 1));
    }

    [Theory]
    [InlineData(1.0, 1.0, false)]
    [InlineData(3.5, 1.0, false)]
    [InlineData(0.2, 4.0, true)]
    [InlineData(1.7, 0.0, true)]
    public void Prepared_and_overlay_masks_stay_in_zero_to_one(double brightness, double contrast, bool invert)
    {
        using var scope = DisposeScope.Begin();
        foreach (int channels in new[] { 1, 3, 4 })
        {
            var image = Noise(29, 43, channels, channels);
            var masks = new[]
            {
                MaskPreparation.Prepare(image, 11, 7, brightness, contrast, invert),
                MaskPreparation.OverlayMask(image, 43, 29, brightness, contrast, invert, overlayBlur: 3),
            };
            foreach (var mask in masks)
                Assert.All(mask.To(Device.Cpu).Contiguous().ToArray<float>(), v => Assert.InRange(v, 0f, 1f));
        }
    }

    [Fact]
    public void Alpha_as_mask_keeps_the_requested_size_and_an_opaque_alpha_stays_opaque()
    {
        using var scope = DisposeScope.Begin();
        var rgb = TestImages.Textured(20, 30);
        var rgba = Tensor.Cat([rgb, Tensor.Full([20, 30, 1], 255, DType.UInt8)], 2); // [20, 30, 4]
        var (init, alpha) = MaskPreparation.InitAndAlpha(rgba, 48, 24);
        Assert.Equal(new long[] { 1, 3, 24, 48 }, init.Shape);
        Assert.Equal(new long[] { 24, 48 }, alpha.Shape);
        Assert.All(TestImages.Bytes(alpha), v => Assert.Equal(255, v));
        Assert.Equal(FrameConversions.SampleFromInitImage(rgb, (48, 24)).To(DType.Float32).ToArray<float>(),
            init.To(DType.Float32).ToArray<float>());
    }

    [Fact]
    public void Alpha_as_mask_refuses_an_empty_size_naming_the_settings()
    {
        using var scope = DisposeScope.Begin();
        var e = Assert.Throws<ArgumentException>(() => MaskPreparation.InitAndAlpha(Noise(8, 8, 4, 5), 0, 8));
        Assert.Contains("W and H", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => MaskPreparation.InitAndAlpha(Noise(8, 8, 3, 5), 8, 8));
    }

    /// <summary>amount 0 leaves (1 + 0)·v − 0·blur = v: the unsharp mask is then only the clip and the rounding.</summary>
    [Theory]
    [InlineData(5, 1.5)]
    [InlineData(7, 0.0)]
    public void Unsharp_mask_with_amount_zero_rounds_the_contrast_frame(int kernel, double sigma)
    {
        using var scope = DisposeScope.Begin();
        var contrasted = Contrast.Apply(Noise(19, 23, 3, 6), 1.05);
        var expected = contrasted.ToArray<double>().Select(v => (byte)Math.Round(Math.Clamp(v, 0, 255), MidpointRounding.ToEven)).ToArray();
        Assert.Equal(expected, TestImages.Bytes(Contrast.UnsharpMask(contrasted, kernel, sigma, 0, 0)));
    }

    [Fact]
    public void Saved_depth_maps_stay_in_range_and_share_the_running_minimum_and_maximum()
    {
        using var scope = DisposeScope.Begin();
        var writer = new DepthMapWriter();
        var near = Tensor.From<float>([1f, 2f, 3f, 4f], 2, 2);
        var far = Tensor.From<float>([2f, 4f, 6f, 8f], 2, 2);
        Assert.Equal(new byte[] { 0, 85, 170, 255 }, TestImages.Bytes(writer.ToImage8(near)).Where((_, i) => i % 3 == 0));
        var sixteen = writer.ToImage16(far).ToArray<int>();
        Assert.All(sixteen, v => Assert.InRange(v, 0, 65025));
        Assert.Equal(65025, sixteen.Max()); // the running maximum is now 8: far's 8 maps to full scale
        Assert.Equal(9289, sixteen.Min()); // (2 − 1)/(8 − 1)·65025 = 9289.28…, truncated
    }
}
