using Xunit;
using static Deforum.Torch.Tests.TensorAssert;

namespace Deforum.Torch.Tests;

public class FunctionalTests
{
    [Fact]
    public void Conv2d_with_padding_stride_dilation_groups()
    {
        using var scope = DisposeScope.Begin();
        var x = Iota(1, 1, 3, 3);
        var ones = Tensor.Ones([1, 1, 3, 3], device: Dev);
        TensorAssert.Values(F.Conv2d(x, ones), [36]);
        TensorAssert.Values(F.Conv2d(x, ones, Tensor.From([1f], 1).To(Dev), padding: 1), [9, 16, 13, 22, 37, 28, 21, 34, 25]);
        TensorAssert.Values(F.Conv2d(x, Tensor.Ones([1, 1, 1, 1], device: Dev), stride: 2), [0, 2, 6, 8]);
        TensorAssert.Values(F.Conv2d(Iota(1, 1, 5, 5), Tensor.Ones([1, 1, 2, 2], device: Dev), dilation: 2).Select(2, 0).Select(2, 0), [24]);
        // groups: each channel convolved with its own kernel
        var g = F.Conv2d(Tensor.Cat([x, x], 1), Tensor.Cat([ones, ones * 2], 0), groups: 2);
        TensorAssert.Values(g, [36, 72]);
        TensorAssert.Values(F.Conv2d(x, ones, null, (1, 1), (0, 1), (1, 1)), [21, 36, 27]);
    }

    [Fact]
    public void ConvTranspose2d_inverts_stride_two_shape()
    {
        using var scope = DisposeScope.Begin();
        var y = F.ConvTranspose2d(Tensor.Ones([1, 1, 2, 2], device: Dev), Tensor.Ones([1, 1, 2, 2], device: Dev), stride: 2);
        TensorAssert.Shape(y, 1, 1, 4, 4);
        TensorAssert.Values(y.Sum(), [16]);
    }

    [Fact]
    public void Linear_and_embedding()
    {
        using var scope = DisposeScope.Begin();
        var w = Iota(2, 3);
        TensorAssert.Values(F.Linear(Tensor.Ones([1, 3], device: Dev), w, Tensor.From([1f, -1], 2).To(Dev)), [4, 11]);
        TensorAssert.Values(F.Linear(Tensor.Ones([1, 3], device: Dev), w), [3, 12]);
        TensorAssert.Values(F.Embedding(Tensor.From([1L, 0], 2).To(Dev), w), [3, 4, 5, 0, 1, 2]);
    }

    [Fact]
    public void Norms_normalise_to_zero_mean_unit_variance()
    {
        using var scope = DisposeScope.Begin();
        var x = Iota(1, 4, 2, 2);
        var gn = F.GroupNorm(x, 2, eps: 0);
        // each group of 8 values 0..7 (then 8..15) normalises to the same pattern
        var expected = Enumerable.Range(0, 8).Select(i => (float)((i - 3.5) / Math.Sqrt(5.25))).ToArray();
        TensorAssert.Values(gn, [.. expected, .. expected], 1e-4);
        var ln = F.LayerNorm(Iota(2, 4), [4], Tensor.Full([4], 2, device: Dev), Tensor.Ones([4], device: Dev), eps: 0);
        var row = Enumerable.Range(0, 4).Select(i => (float)(2 * (i - 1.5) / Math.Sqrt(1.25) + 1)).ToArray();
        TensorAssert.Values(ln, [.. row, .. row], 1e-4);
        var bn = F.BatchNorm(Iota(1, 2, 1, 1), Tensor.From([0f, 1], 2).To(Dev), Tensor.From([1f, 4], 2).To(Dev), eps: 0);
        TensorAssert.Values(bn, [0, 0]);
    }

    [Fact]
    public void Softmax_gelu_silu()
    {
        using var scope = DisposeScope.Begin();
        var x = Tensor.From<float>([0, (float)Math.Log(3)], [2], Dev);
        TensorAssert.Values(F.Softmax(x, 0), [0.25f, 0.75f]);
        TensorAssert.Values(F.LogSoftmax(x, 0), [(float)Math.Log(0.25), (float)Math.Log(0.75)]);
        Assert.Equal(DType.Float32, F.Softmax(x.To(DType.Float16), 0, DType.Float32).DType);
        var g = Tensor.From<float>([-1, 0, 1], [3], Dev);
        TensorAssert.Values(F.Gelu(g), [-0.15865526f, 0, 0.8413447f]);
        TensorAssert.Values(F.Gelu(g, tanhApproximation: true), [-0.15880801f, 0, 0.841192f]);
        TensorAssert.Values(F.Silu(g), [-0.26894142f, 0, 0.7310586f]);
    }

    [Fact]
    public void Interpolate_modes_by_size_and_scale()
    {
        using var scope = DisposeScope.Begin();
        var x = Iota(1, 1, 2, 2);
        TensorAssert.Values(F.Interpolate(x, 2.0), [0, 0, 1, 1, 0, 0, 1, 1, 2, 2, 3, 3, 2, 2, 3, 3]);
        TensorAssert.Values(F.Interpolate(x, (1L, 1L), InterpolateMode.Area), [1.5f]);
        TensorAssert.Values(F.Interpolate(x, (3L, 3L), InterpolateMode.Bilinear, alignCorners: true), [0, 0.5f, 1, 1, 1.5f, 2, 2, 2.5f, 3]);
        // align_corners=False samples at pixel centres: corners are clamped copies
        var b = F.Interpolate(x, (4L, 4L), InterpolateMode.Bilinear);
        TensorAssert.Values(b.Select(2, 0), [0, 0.25f, 0.75f, 1]);
        TensorAssert.Shape(F.Interpolate(x, (5L, 3L), InterpolateMode.Bicubic), 1, 1, 5, 3);
        TensorAssert.Shape(F.Interpolate(x, 1.5, InterpolateMode.NearestExact), 1, 1, 3, 3);
        Assert.Throws<TorchException>(() => F.Interpolate(Iota(2, 2), 2.0));
    }

    [Fact]
    public void Identity_affine_grid_samples_the_image_back()
    {
        using var scope = DisposeScope.Begin();
        var x = Iota(1, 1, 3, 4);
        var theta = Tensor.From<float>([1, 0, 0, 0, 1, 0], [1, 2, 3], Dev);
        foreach (var ac in new[] { false, true })
        {
            var grid = F.AffineGrid(theta, [1, 1, 3, 4], ac);
            TensorAssert.Shape(grid, 1, 3, 4, 2);
            foreach (var mode in Enum.GetValues<GridSampleMode>())
                TensorAssert.Values(F.GridSample(x, grid, mode, GridSamplePadding.Zeros, ac), Enumerable.Range(0, 12).Select(i => (float)i).ToArray(), 1e-4);
        }
    }

    [Fact]
    public void Grid_sample_padding_modes_differ_outside_the_image()
    {
        using var scope = DisposeScope.Begin();
        var x = Tensor.Full([1, 1, 2, 2], 5, device: Dev);
        var outside = Tensor.From<float>([3, 0], [1, 1, 1, 2], Dev);   // x far right of the image
        TensorAssert.Values(F.GridSample(x, outside, padding: GridSamplePadding.Zeros), [0]);
        TensorAssert.Values(F.GridSample(x, outside, padding: GridSamplePadding.Border), [5]);
        TensorAssert.Values(F.GridSample(x, outside, padding: GridSamplePadding.Reflection), [5]);
    }

    [Fact]
    public void Pad_modes()
    {
        using var scope = DisposeScope.Begin();
        var x = Iota(1, 1, 3);   // reflect/replicate/circular over the last dim need a 3-D [N, C, W] input, as in PyTorch
        TensorAssert.Values(F.Pad(x, [1, 1], value: 9), [9, 0, 1, 2, 9]);
        TensorAssert.Values(F.Pad(x, [2, 1], PadMode.Reflect), [2, 1, 0, 1, 2, 1]);
        TensorAssert.Values(F.Pad(x, [1, 2], PadMode.Replicate), [0, 0, 1, 2, 2, 2]);
        TensorAssert.Values(F.Pad(x, [1, 1], PadMode.Circular), [2, 0, 1, 2, 0]);
        TensorAssert.Shape(F.Pad(Iota(1, 1, 1, 3), [0, 1, 0, 1], PadMode.Replicate), 1, 1, 2, 4);
        Assert.Throws<TorchException>(() => F.Pad(x, [5, 5], PadMode.Reflect));
        Assert.Throws<TorchException>(() => F.Pad(Iota(1, 1, 1, 3), [1, 1], PadMode.Reflect));
    }

    [Fact]
    public void Attention_matches_its_definition()
    {
        using var scope = DisposeScope.Begin();
        using var g = new Generator(1, Dev);
        var q = Tensor.Randn([2, 3, 5, 8], g, device: Dev);
        var k = Tensor.Randn([2, 3, 7, 8], g, device: Dev);
        var v = Tensor.Randn([2, 3, 7, 4], g, device: Dev);
        var reference = F.Softmax(q.MatMul(k.Transpose(-2, -1)) * (1 / Math.Sqrt(8)), -1).MatMul(v);
        TensorAssert.Values(F.ScaledDotProductAttention(q, k, v), reference.ToArray<float>(), 1e-5);
        var scaled = F.Softmax(q.MatMul(k.Transpose(-2, -1)) * 0.3, -1).MatMul(v);
        TensorAssert.Values(F.ScaledDotProductAttention(q, k, v, scale: 0.3), scaled.ToArray<float>(), 1e-5);
        // boolean mask: true keeps; an additive -inf mask does the same
        var keep = Tensor.Arange(7, device: Dev).Lt(4).View(1, 1, 1, 7);
        var masked = F.ScaledDotProductAttention(q, k, v, keep);
        var additive = Tensor.Where(keep, Tensor.Zeros([1], device: Dev), Tensor.Full([1], double.NegativeInfinity, device: Dev));
        TensorAssert.Values(F.ScaledDotProductAttention(q, k, v, additive), masked.ToArray<float>(), 1e-5);
        var narrowed = F.ScaledDotProductAttention(q, k.Narrow(2, 0, 4), v.Narrow(2, 0, 4));
        TensorAssert.Values(masked, narrowed.ToArray<float>(), 1e-5);
    }

    [Fact]
    public void Causal_attention_first_query_sees_only_the_first_key()
    {
        using var scope = DisposeScope.Begin();
        using var g = new Generator(2, Dev);
        var q = Tensor.Randn([1, 1, 4, 8], g, device: Dev);
        var v = Tensor.Randn([1, 1, 4, 8], g, device: Dev);
        var y = F.ScaledDotProductAttention(q, q, v, isCausal: true);
        TensorAssert.Values(y.Select(2, 0), v.Select(2, 0).ToArray<float>(), 1e-5);
    }

    [Fact]
    public void Functional_error_paths_carry_libtorchs_message()
    {
        using var scope = DisposeScope.Begin();
        var e = Assert.Throws<TorchException>(() => F.Conv2d(Iota(1, 2, 3, 3), Tensor.Ones([1, 1, 3, 3])));
        Assert.StartsWith("conv2d:", e.Message);
        Assert.Throws<TorchException>(() => F.GroupNorm(Iota(1, 3, 2, 2), 2));
        Assert.Throws<TorchException>(() => F.Embedding(Tensor.From([5L], 1), Iota(2, 3)));
        Assert.Throws<TorchException>(() => F.ScaledDotProductAttention(Iota(1, 2, 3), Iota(1, 2, 4), Iota(1, 2, 4)));
        Assert.Throws<TorchException>(() => F.Linear(Iota(2, 3), Iota(4, 2)));
    }
}
