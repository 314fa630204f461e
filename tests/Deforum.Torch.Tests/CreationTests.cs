using Xunit;
using static Deforum.Torch.Tests.TensorAssert;

namespace Deforum.Torch.Tests;

public class CreationTests
{
    [Fact]
    public void Full_zeros_ones_have_shape_dtype_device_and_values()
    {
        using var scope = DisposeScope.Begin();
        var z = Tensor.Zeros([2, 3], DType.Float16, Dev);
        Assert.Equal([2L, 3], z.Shape);
        Assert.Equal(DType.Float16, z.DType);
        Assert.Equal(Dev, z.Device);
        TensorAssert.Values(Tensor.Ones([3], device: Dev), [1, 1, 1]);
        TensorAssert.Values(Tensor.Full([2], 2.5, device: Dev), [2.5f, 2.5f]);
        Assert.Equal(0, Tensor.Scalar(7, device: Dev).Dim);
        Assert.Equal(7, Tensor.Scalar(7, device: Dev).Item());
        Assert.Equal([2L, 3], Tensor.Empty([2, 3], device: Dev).Shape);
    }

    [Fact]
    public void Arange_and_linspace_match_torch()
    {
        using var scope = DisposeScope.Begin();
        Assert.Equal([0L, 1, 2, 3], Tensor.Arange(4, device: Dev).ToArray<long>());
        TensorAssert.Values(Tensor.Arange(1, 2, 0.25, DType.Float32, Dev), [1, 1.25f, 1.5f, 1.75f]);
        TensorAssert.Values(Tensor.Linspace(0, 1, 5, device: Dev), [0, 0.25f, 0.5f, 0.75f, 1]);
    }

    [Fact]
    public void From_and_to_host_round_trip_every_dtype()
    {
        using var scope = DisposeScope.Begin();
        Assert.Equal([1f, 2, 3], Tensor.From([1f, 2, 3], 3).To(Dev).ToArray<float>());
        Assert.Equal([1.5, -2], Tensor.From([1.5, -2], 2).To(Dev).ToArray<double>());
        Assert.Equal([(Half)1.5, (Half)(-2)], Tensor.From([(Half)1.5, (Half)(-2)], 2).To(Dev).ToArray<Half>());
        Assert.Equal([5L, -6], Tensor.From([5L, -6], 2).To(Dev).ToArray<long>());
        Assert.Equal([5, -6], Tensor.From([5, -6], 2).To(Dev).ToArray<int>());
        Assert.Equal(new byte[] { 0, 255 }, Tensor.From(new byte[] { 0, 255 }, 2).To(Dev).ToArray<byte>());
        Assert.Equal([true, false], Tensor.From([true, false], 2).To(Dev).ToArray<bool>());
    }

    [Fact]
    public void From_converts_dtype_in_the_same_copy()
    {
        using var scope = DisposeScope.Begin();
        var t = Tensor.From<float>([0.1f, 1e5f], [2], Dev, DType.Float16);
        Assert.Equal(DType.Float16, t.DType);
        Assert.Equal([(Half)0.1f, (Half)1e5f], t.ToArray<Half>());
    }

    [Fact]
    public unsafe void FromHost_honours_strides()
    {
        using var scope = DisposeScope.Begin();
        float[] data = [1, 2, 3, 4, 5, 6];
        fixed (float* p = data)
        {
            // the transpose of a [2, 3] row-major matrix, read through strides without a copy of the source
            var t = Tensor.FromHost((IntPtr)p, [3, 2], [1, 3], DType.Float32, DType.Float32, Dev);
            TensorAssert.Values(t, [1, 4, 2, 5, 3, 6]);
        }
    }

    [Fact]
    public void AsSpan_is_the_tensors_own_memory()
    {
        using var scope = DisposeScope.Begin();
        var t = Tensor.Zeros([4]);
        t.AsSpan<float>()[2] = 9;
        Assert.Equal([0f, 0, 9, 0], t.ToArray<float>());
    }

    [Fact]
    public void BFloat16_converts_through_float32()
    {
        using var scope = DisposeScope.Begin();
        var t = Tensor.From([1f, 0.5f, -3], 3).To(DType.BFloat16).To(DType.Float32);
        Assert.Equal([1f, 0.5f, -3], t.ToArray<float>());
    }

    [Fact]
    public void Shape_and_data_length_mismatch_is_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.From<float>([1f, 2, 3], [2, 2]));
        Assert.Contains("4 elements", e.Message);
    }

    [Fact]
    public void Wrong_element_type_on_read_names_both_types()
    {
        using var scope = DisposeScope.Begin();
        var e = Assert.Throws<InvalidOperationException>(() => Tensor.Zeros([2]).ToArray<long>());
        Assert.Contains("Float32", e.Message);
        Assert.Contains("Int64", e.Message);
    }

    [Fact]
    public void AsSpan_of_a_non_contiguous_tensor_is_refused()
    {
        using var scope = DisposeScope.Begin();
        var t = Tensor.Zeros([2, 3]).Transpose(0, 1);
        Assert.Throws<InvalidOperationException>(() => t.AsSpan<float>());
    }

    [Fact]
    public void Negative_dimension_is_a_torch_error()
    {
        var e = Assert.Throws<TorchException>(() => Tensor.Zeros([-1, 2]));
        Assert.StartsWith("full:", e.Message);
    }

    [Fact]
    public void Unavailable_cuda_device_is_a_torch_error_not_a_crash()
    {
        Skip.If(Cuda.IsAvailable, "CUDA is present");
        Assert.Throws<TorchException>(() => Tensor.Zeros([2], device: Device.Cuda()));
    }
}
