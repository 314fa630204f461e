using Deforum.Animation;
using Deforum.Torch;
using Xunit;

namespace Deforum.Tests.Animation;

public class CadenceTests
{
    /// <summary>Spec §13's example, N = 3: at f = 3 the weights are 1/3, 2/3, 1; at f = 6 again 1/3, 2/3, 1.</summary>
    [Theory]
    [InlineData(3, 0, 1.0 / 3)]
    [InlineData(3, 2, 1.0)]
    [InlineData(6, 4, 2.0 / 3)]
    [InlineData(2, 1, 1.0)]
    public void Weights_follow_the_original_loop(int diffused, int k, double expected) =>
        Assert.Equal(expected, Cadence.Weight(k, diffused, 3), 12);

    [Fact]
    public void Blend_mixes_in_float32_and_truncates_for_the_image()
    {
        using var scope = DisposeScope.Begin();
        var prev = Tensor.Full([2, 2, 3], 10.0);
        var next = Tensor.Full([2, 2, 3], 20.0);
        var blended = Cadence.Blend(prev, next, 1.0 / 3);
        Assert.All(blended.ToArray<float>(), v => Assert.Equal(10f * (float)(1 - 1.0 / 3) + 20f * (float)(1.0 / 3), v, 5));
        Assert.All(Cadence.ToImage(blended).ToArray<byte>(), v => Assert.Equal(13, v));
        Assert.Equal(next.ToArray<float>(), Cadence.Blend(null, next, 0.5).ToArray<float>());
    }
}
