using Deforum.Animation;
using Deforum.Animation.Warp;
using Deforum.Torch;
using Xunit;

namespace Deforum.Tests.Animation;

public class WarpIdentityTests
{
    /// <summary>
    /// Zoom in then out resamples twice with 1/32-px coordinates and truncating uint8 stores; on a ramp of slope 2
    /// that costs at most this many levels away from the borders.
    /// </summary>
    const int ZoomRoundTripLevels = 2;

    /// <summary>A 360° turn differs from identity by a float32 sine of ~1e-7, which the +0.00185 offset absorbs except at rare ties.</summary>
    const int FullTurnLevels = 1;

    [Theory]
    [InlineData("replicate")]
    [InlineData("wrap")]
    public void Zero_2d_motion_leaves_the_frame_unchanged(string border)
    {
        using var scope = DisposeScope.Begin();
        var frame = TestImages.Textured(48, 80);
        Assert.Equal(TestImages.Bytes(frame), TestImages.Bytes(Warp2D.Apply(frame, MotionFrame.Still, BorderModes.Parse(border))));
    }

    [Fact]
    public void Full_2d_turn_leaves_the_frame_unchanged()
    {
        using var scope = DisposeScope.Begin();
        var frame = TestImages.Textured(48, 80);
        Assert.Equal(TestImages.Bytes(frame), TestImages.Bytes(Warp2D.Apply(frame, new MotionFrame { Angle = 360 }, BorderMode.Replicate)));
    }

    [Fact]
    public void Zoom_in_then_out_restores_the_centre()
    {
        using var scope = DisposeScope.Begin();
        int h = 48, w = 80;
        var ramp = TestImages.Ramp(h, w);
        var zoomed = Warp2D.Apply(ramp, new MotionFrame { Zoom = 1.25 }, BorderMode.Replicate);
        var back = TestImages.Bytes(Warp2D.Apply(zoomed, new MotionFrame { Zoom = 0.8 }, BorderMode.Replicate));
        var original = TestImages.Bytes(ramp);
        for (int y = h / 4; y < 3 * h / 4; y++)
            for (int x = w / 4; x < 3 * w / 4; x++)
                Assert.InRange(Math.Abs(back[(y * w + x) * 3] - original[(y * w + x) * 3]), 0, ZoomRoundTripLevels);
    }

    [Theory]
    [InlineData(GridSampleMode.Bilinear)]
    [InlineData(GridSampleMode.Bicubic)]
    [InlineData(GridSampleMode.Nearest)]
    public void Zero_3d_motion_leaves_the_frame_unchanged(GridSampleMode sampling)
    {
        using var scope = DisposeScope.Begin();
        var frame = TestImages.Textured(48, 80);
        var result = Warp3D.Apply(frame, null, MotionFrame.Still, new Warp3DOptions(Sampling: sampling));
        Assert.Equal(TestImages.Bytes(frame), TestImages.Bytes(result));
    }

    [Fact]
    public void Full_3d_turn_leaves_the_frame_unchanged()
    {
        using var scope = DisposeScope.Begin();
        var frame = TestImages.Textured(48, 80);
        var turned = TestImages.Bytes(Warp3D.Apply(frame, null, new MotionFrame { RotationZ = 360 }, new Warp3DOptions()));
        var original = TestImages.Bytes(frame);
        Assert.All(Enumerable.Range(0, original.Length), i => Assert.InRange(Math.Abs(turned[i] - original[i]), 0, FullTurnLevels));
    }

    [Fact]
    public void Float_frames_keep_their_dtype()
    {
        using var scope = DisposeScope.Begin();
        var frame = TestImages.Textured(16, 24).To(DType.Float32);
        Assert.Equal(DType.Float32, Warp2D.Apply(frame, new MotionFrame { Angle = 3 }, BorderMode.Wrap).DType);
        Assert.Equal(DType.Float32, Warp3D.Apply(frame, null, new MotionFrame { TranslationZ = 5 }, new Warp3DOptions()).DType);
    }

    [Fact]
    public void Motion_preview_chains_frames()
    {
        using var scope = DisposeScope.Begin();
        var frame = TestImages.Textured(32, 48);
        var preview = new MotionPreview(MotionMode.TwoD);
        var frames = preview.Run(frame, Enumerable.Repeat(MotionFrame.Still, 3)).ToList();
        Assert.Equal(3, frames.Count);
        Assert.All(frames, f => Assert.Equal(TestImages.Bytes(frame), TestImages.Bytes(f)));
    }
}
