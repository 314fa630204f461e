using Deforum.Sampling;
using Deforum.Sampling.KDiffusion;
using Deforum.Torch;
using Xunit;

namespace Deforum.Tests.Sampling;

public class ThresholdingTests
{
    /// <summary>Decimal places: the interpolation of small integers is exact up to double round-off.</summary>
    const int ExactDigits = 12;

    [Theory]
    [InlineData(50, 2.5)]
    [InlineData(0, 1)]
    [InlineData(100, 4)]
    [InlineData(25, 1.75)]
    public void Percentile_interpolates_linearly_like_numpy(double p, double expected) =>
        Assert.Equal(expected, Thresholding.Percentile([4f, 1f, 3f, 2f], p), ExactDigits);

    [Fact]
    public void Dynamic_threshold_divides_by_the_largest_sample_percentile_but_never_below_one()
    {
        using var scope = DisposeScope.Begin();
        var x = Tensor.From<float>([0.5f, -2f, 1f, 0.25f, 4f, -1f], [2, 3]);  // [B = 2, 3]
        Thresholding.Dynamic(x, 100);  // per-sample maxima 2 and 4 → s = 4
        Assert.Equal([0.125f, -0.5f, 0.25f, 0.0625f, 1f, -0.25f], x.ToArray<float>());
        var small = Tensor.From<float>([0.5f, -0.25f], [1, 2]);
        Thresholding.Dynamic(small, 100);  // s = max(0.5, 1) = 1
        Assert.Equal([0.5f, -0.25f], small.ToArray<float>());
        Assert.Throws<ArgumentOutOfRangeException>(() => Thresholding.Dynamic(small, 101));
    }

    [Fact]
    public void Static_threshold_clamps_before_the_callback_sees_x()
    {
        using var scope = DisposeScope.Begin();
        using var g = new Generator(6);
        var settings = new SamplerSettings { Sampler = SamplerName.Euler, Steps = 4, StaticThreshold = 0.5 };
        var seen = new List<float>();
        Generation.SampleKDiffusion(new HalvingDenoiser(), new DiscreteSchedule(DdpmSchedule.Linear()), settings, [1, 4, 2, 2], 0, null,
            new GeneratorNoise(g), s => seen.Add(s.X.Abs().Max().ToArray<float>()[0]));
        Assert.Equal(4, seen.Count);
        Assert.All(seen, v => Assert.True(v <= 0.5f, $"|x| = {v}"));
        Assert.Throws<ArgumentOutOfRangeException>(() => (settings with { StaticThreshold = 0 }).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => (settings with { DynamicThreshold = -1 }).Validate());
    }

    sealed class HalvingDenoiser : IDenoiser
    {
        public Tensor Denoise(Tensor x, float sigma) => x.Mul(0.5);
    }
}
