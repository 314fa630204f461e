using Deforum.Sampling;
using Deforum.Torch;
using Xunit;

namespace Deforum.Tests.Sampling;

public class MaskOverlayTests
{
    [Fact]
    public void Overlay_pastes_the_original_where_white_and_blends_where_grey()
    {
        using var scope = DisposeScope.Begin();
        var original = Tensor.Full([1, 3, 1, 3], 1.0);
        var decoded = Tensor.Full([1, 3, 1, 3], -1.0);
        var hard = Tensor.From<float>([1f, 0f, 1f], [1, 1, 1, 3]).Expand(1, 3, 1, 3);
        Assert.Equal([1f, -1f, 1f], MaskOverlay.Apply(original, decoded, hard).ToArray<float>()[..3]);
        var soft = Tensor.Full([1, 3, 1, 3], 0.25);
        Assert.All(MaskOverlay.Apply(original, decoded, soft).ToArray<float>(), v => Assert.Equal(-0.5f, v));
    }

    [Fact]
    public void Overlay_of_mismatched_shapes_is_a_torch_error()
    {
        using var scope = DisposeScope.Begin();
        Assert.Throws<TorchException>(() => MaskOverlay.Apply(Tensor.Zeros([1, 3, 2, 2]), Tensor.Zeros([1, 3, 2, 2]), Tensor.Zeros([1, 3, 3, 3])));
    }
}
