using Xunit;
using static Deforum.Torch.Tests.TensorAssert;

namespace Deforum.Torch.Tests;

public class ReductionTests
{
    static Tensor M() => Tensor.From<float>([1, 2, 3, 4, 5, 6], [2, 3], Dev);

    [Fact]
    public void Sum_mean_over_all_and_dims()
    {
        using var scope = DisposeScope.Begin();
        Assert.Equal(21, M().Sum().Item());
        Assert.Equal(3.5, M().Mean().Item());
        TensorAssert.Values(M().Sum(0), [5, 7, 9]);
        TensorAssert.Values(M().Mean(1), [2, 5]);
        TensorAssert.Shape(M().Sum(1, keepDim: true), 2, 1);
        TensorAssert.Values(M().Sum([0L, 1]), [21]);
    }

    [Fact]
    public void Var_and_std_unbiased_and_population()
    {
        using var scope = DisposeScope.Begin();
        var t = Tensor.From<float>([1, 2, 3, 4], [4], Dev);
        Assert.Equal(5.0 / 3, t.Var().Item(), 5);
        Assert.Equal(1.25, t.Var(unbiased: false).Item(), 5);
        Assert.Equal(Math.Sqrt(1.25), t.Std(unbiased: false).Item(), 5);
        TensorAssert.Values(M().Var([1L]), [1, 1]);
        TensorAssert.Values(M().Std([0L], unbiased: false, keepDim: true), [1.5f, 1.5f, 1.5f]);
    }

    [Fact]
    public void Min_max_argmax_prod_any_all_norm()
    {
        using var scope = DisposeScope.Begin();
        Assert.Equal(6, M().Max().Item());
        Assert.Equal(1, M().Min().Item());
        TensorAssert.Values(M().Max(0), [4, 5, 6]);
        TensorAssert.Values(M().Min(1), [1, 4]);
        Assert.Equal(5, M().ArgMax().Item());
        Assert.Equal([2L, 2], M().ArgMax(1).ToArray<long>());
        Assert.Equal([0L, 0, 0], M().ArgMin(0).ToArray<long>());
        Assert.Equal(720, M().Prod().Item());
        Assert.Equal(1, M().Gt(5).Any().Item());
        Assert.Equal(0, M().Gt(5).All().Item());
        Assert.Equal(Math.Sqrt(91), M().Norm().Item(), 4);
        TensorAssert.Values(M().Norm([1L]), [(float)Math.Sqrt(14), (float)Math.Sqrt(77)]);
    }

    [Fact]
    public void CumSum_sort_argsort_searchsorted_unique()
    {
        using var scope = DisposeScope.Begin();
        TensorAssert.Values(M().CumSum(1), [1, 3, 6, 4, 9, 15]);
        var t = Tensor.From<float>([3, 1, 2, 1], [4], Dev);
        var (v, i) = t.Sort(stable: true);
        TensorAssert.Values(v, [1, 1, 2, 3]);
        Assert.Equal([1L, 3, 2, 0], i.ToArray<long>());
        Assert.Equal([0L, 2, 1, 3], t.ArgSort(descending: true, stable: true).ToArray<long>());
        var sorted = Tensor.From<float>([1, 2, 3], [3], Dev);
        var q = Tensor.From<float>([0.5f, 2, 3.5f], [3], Dev);
        Assert.Equal([0L, 1, 3], Tensor.SearchSorted(sorted, q).ToArray<long>());
        Assert.Equal([0L, 2, 3], Tensor.SearchSorted(sorted, q, right: true).ToArray<long>());
        var (values, inverse, counts) = t.Unique();
        TensorAssert.Values(values, [1, 2, 3]);
        Assert.Equal([2L, 0, 1, 0], inverse.ToArray<long>());
        Assert.Equal([2L, 1, 1], counts.ToArray<long>());
    }

    [Fact]
    public void Out_of_range_dim_is_a_torch_error()
    {
        using var scope = DisposeScope.Begin();
        var e = Assert.Throws<TorchException>(() => M().Sum(5));
        Assert.Contains("Dimension out of range", e.Message);
    }

    [Fact]
    public void Item_of_many_elements_is_a_torch_error()
    {
        using var scope = DisposeScope.Begin();
        Assert.Throws<TorchException>(() => M().Item());
    }
}
