using Xunit;
using static Deforum.Torch.Tests.TensorAssert;

namespace Deforum.Torch.Tests;

public class ShapeTests
{
    [Fact]
    public void View_reshape_permute_transpose_flatten()
    {
        using var scope = DisposeScope.Begin();
        var t = Iota(2, 3);
        TensorAssert.Shape(t.View(3, 2), 3, 2);
        TensorAssert.Shape(t.View(-1), 6);
        TensorAssert.Values(t.Transpose(0, 1), [0, 3, 1, 4, 2, 5]);
        TensorAssert.Values(Iota(2, 3, 4).Permute(2, 0, 1).Select(0, 1), [1, 5, 9, 13, 17, 21]);
        Assert.False(t.Transpose(0, 1).IsContiguous());
        Assert.True(t.Transpose(0, 1).Contiguous().IsContiguous());
        TensorAssert.Shape(Iota(2, 3, 4).Flatten(1), 2, 12);
        TensorAssert.Shape(t.Transpose(0, 1).Reshape(6), 6);
    }

    [Fact]
    public void Squeeze_unsqueeze_expand_repeat()
    {
        using var scope = DisposeScope.Begin();
        var t = Iota(1, 3, 1);
        TensorAssert.Shape(t.Squeeze(), 3);
        TensorAssert.Shape(t.Squeeze(0), 3, 1);
        TensorAssert.Shape(t.Unsqueeze(-1), 1, 3, 1, 1);
        TensorAssert.Values(Iota(2).Unsqueeze(0).Expand(3, 2), [0, 1, 0, 1, 0, 1]);
        TensorAssert.Values(Iota(2).Repeat(2, 2), [0, 1, 0, 1, 0, 1, 0, 1]);
    }

    [Fact]
    public void Cat_stack_split_chunk_narrow_slice()
    {
        using var scope = DisposeScope.Begin();
        var a = Iota(2, 2);
        var b = Iota(2, 2) + 10;
        TensorAssert.Values(Tensor.Cat([a, b], 1), [0, 1, 10, 11, 2, 3, 12, 13]);
        TensorAssert.Shape(Tensor.Stack([a, b], 0), 2, 2, 2);
        var parts = Iota(5).Split([2L, 3]);
        TensorAssert.Values(parts[1], [2, 3, 4]);
        Assert.Equal([2L, 2, 1], Iota(5).Split(2L).Select(p => p.Shape[0]));
        Assert.Equal([2L, 2, 1], Iota(5).Chunk(3).Select(p => p.Shape[0]));
        Assert.Equal(2, Iota(2, 4).Chunk(2, 1).Length);
        TensorAssert.Values(Iota(6).Narrow(0, 2, 3), [2, 3, 4]);
        TensorAssert.Values(Iota(6).Slice(0, 1, long.MaxValue, 2), [1, 3, 5]);
    }

    [Fact]
    public void Indexing_ops()
    {
        using var scope = DisposeScope.Begin();
        var t = Iota(3, 2);
        var idx = Tensor.From([2L, 0], 2).To(Dev);
        TensorAssert.Values(t.IndexSelect(0, idx), [4, 5, 0, 1]);
        TensorAssert.Values(t.Gather(1, Tensor.From([1L, 0, 1], 3, 1).To(Dev)), [1, 2, 5]);
        TensorAssert.Values(t.Flip(0), [4, 5, 2, 3, 0, 1]);
        TensorAssert.Values(Iota(4).Roll([1L], [0L]), [3, 0, 1, 2]);
    }

    [Fact]
    public void Views_share_storage_with_their_base()
    {
        using var scope = DisposeScope.Begin();
        var t = Tensor.Zeros([2, 2], device: Dev);
        t.Select(0, 1).Fill_(5);
        TensorAssert.Values(t, [0, 0, 5, 5]);
    }

    [Fact]
    public void Matmul_bmm_baddbmm()
    {
        using var scope = DisposeScope.Begin();
        var a = Iota(2, 3);
        var b = Iota(3, 2);
        TensorAssert.Values(a.MatMul(b), [10, 13, 28, 40]);
        TensorAssert.Values(a.Unsqueeze(0).Bmm(b.Unsqueeze(0)), [10, 13, 28, 40]);
        var c = Tensor.Ones([1, 2, 2], device: Dev);
        TensorAssert.Values(c.Baddbmm(a.Unsqueeze(0), b.Unsqueeze(0), beta: 2, alpha: 0.5), [7, 8.5f, 16, 22]);
    }

    [Fact]
    public void Invalid_view_is_a_torch_error()
    {
        using var scope = DisposeScope.Begin();
        var e = Assert.Throws<TorchException>(() => Iota(2, 3).View(4));
        Assert.StartsWith("view:", e.Message);
        Assert.Throws<TorchException>(() => Iota(2, 3).Transpose(0, 1).View(6));
        Assert.Throws<TorchException>(() => Tensor.Cat([Iota(2, 2), Iota(3, 3)], 0));
        Assert.Throws<ArgumentException>(() => Tensor.Cat([], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Iota(4).Chunk(0));
        Assert.Throws<TorchException>(() => Iota(2, 3).MatMul(Iota(2, 3)));
    }
}
