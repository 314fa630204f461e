using Deforum.Animation;
using Deforum.Animation.Color;
using Deforum.Animation.Masks;
using Deforum.Animation.Warp;
using Deforum.Torch;
using Xunit;

namespace Deforum.Tests.Animation;

public class BadInputTests
{
    [Fact]
    public void Unknown_border_lists_the_valid_names()
    {
        var ex = Assert.Throws<ArgumentException>(() => BorderModes.Parse("mirror"));
        Assert.Contains("replicate", ex.Message, StringComparison.Ordinal);
        Assert.Contains("wrap", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_padding_and_sampling_list_the_valid_names()
    {
        var padding = Assert.Throws<ArgumentException>(() => Sampling3D.ParsePadding("edge"));
        foreach (var name in new[] { "border", "reflection", "zeros" }) Assert.Contains(name, padding.Message, StringComparison.Ordinal);
        var sampling = Assert.Throws<ArgumentException>(() => Sampling3D.ParseSampling("lanczos"));
        foreach (var name in new[] { "bicubic", "bilinear", "nearest" }) Assert.Contains(name, sampling.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_colour_coherence_lists_the_valid_names()
    {
        var ex = Assert.Throws<ArgumentException>(() => ColorCoherence.Parse("Match Frame 0 XYZ"));
        Assert.Contains("Match Frame 0 LAB", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Frames_must_be_hwc_rgb()
    {
        using var scope = DisposeScope.Begin();
        var grey = Tensor.Zeros([16, 16], DType.UInt8);
        var rgba = Tensor.Zeros([16, 16, 4], DType.UInt8);
        Assert.Throws<ArgumentException>(() => Warp2D.Apply(grey, MotionFrame.Still, BorderMode.Wrap));
        Assert.Throws<ArgumentException>(() => Warp2D.Apply(rgba, MotionFrame.Still, BorderMode.Wrap));
        Assert.Throws<ArgumentException>(() => Warp3D.Apply(rgba, null, MotionFrame.Still, new Warp3DOptions()));
        Assert.Throws<ArgumentException>(() => FrameConversions.SampleFromFrame(grey));
        Assert.Throws<ArgumentException>(() => ColorCoherence.Match(rgba, rgba, ColorCoherenceMode.MatchFrame0Rgb));
    }

    [Fact]
    public void Wrong_dtypes_and_shapes_are_rejected()
    {
        using var scope = DisposeScope.Begin();
        var frame = Tensor.Zeros([16, 16, 3], DType.UInt8);
        Assert.Throws<ArgumentException>(() => Warp2D.Apply(frame.To(DType.Int32), MotionFrame.Still, BorderMode.Wrap));
        Assert.Throws<ArgumentException>(() => Warp3D.Apply(frame, Tensor.Ones([8, 8]), MotionFrame.Still, new Warp3DOptions()));
        Assert.Throws<ArgumentException>(() => FrameConversions.FrameFromSample(Tensor.Zeros([3, 16, 16])));
        Assert.Throws<ArgumentException>(() => Noise.Add(Tensor.Zeros([1, 3, 8, 8]), 0.1, Tensor.Zeros([1, 3, 4, 4])));
        Assert.Throws<ArgumentException>(() => MaskPreparation.Prepare(Tensor.Zeros([8, 8, 2], DType.UInt8), 4, 4, 1, 1, false));
        Assert.Throws<ArgumentOutOfRangeException>(() => Cadence.Weight(5, 3, 3));
    }
}
