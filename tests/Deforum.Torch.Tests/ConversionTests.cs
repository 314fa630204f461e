using Xunit;
using static Deforum.Torch.Tests.TensorAssert;

namespace Deforum.Torch.Tests;

public class ConversionTests
{
    [Fact]
    public void To_dtype_rounds_like_torch()
    {
        using var scope = DisposeScope.Begin();
        var t = Tensor.From<float>([1.7f, -1.7f, 300], [3], Dev);
        Assert.Equal([1L, -1, 300], t.To(DType.Int64).ToArray<long>());     // truncation toward zero
        Assert.Equal(new byte[] { 1, 255, 44 }, t.To(DType.UInt8).ToArray<byte>());  // wraps modulo 256 as torch's cast does
        Assert.Equal(DType.Float64, t.To(DType.Float64).DType);
    }

    [Fact]
    public void Channels_last_keeps_values_and_changes_strides()
    {
        using var scope = DisposeScope.Begin();
        var x = Tensor.Arange(0, 24, 1, DType.Float32, Dev).Reshape(1, 2, 3, 4);
        var cl = x.Contiguous(MemoryFormat.ChannelsLast);
        Assert.True(cl.IsContiguous(MemoryFormat.ChannelsLast));
        Assert.False(cl.IsContiguous());
        Assert.Equal([24L, 1, 8, 2], cl.Strides);
        Assert.Equal(x.ToArray<float>(), cl.ToArray<float>());
        var w = Tensor.Arange(0, 36, 1, DType.Float32, Dev).Reshape(2, 2, 3, 3);
        TensorAssert.Values(F.Conv2d(cl, w, padding: 1), F.Conv2d(x, w, padding: 1).ToArray<float>(), 1e-4);
    }

    [Fact]
    public void Clone_is_independent()
    {
        using var scope = DisposeScope.Begin();
        var a = Tensor.Zeros([2], device: Dev);
        var b = a.Clone();
        b.Fill_(1);
        Assert.Equal([0f, 0], a.ToArray<float>());
    }

    [Fact]
    public void Device_parses_and_prints()
    {
        Assert.Equal(Device.Cpu, Device.Parse("CPU"));
        Assert.Equal(Device.Cuda(1), Device.Parse("cuda:1"));
        Assert.Equal("cuda:0", Device.Parse("cuda").ToString());
        var e = Assert.Throws<ArgumentException>(() => Device.Parse("gpu"));
        Assert.Contains("'cpu', 'cuda' or 'cuda:N'", e.Message);
    }

    [Fact]
    public void Tensor_describes_itself()
    {
        using var scope = DisposeScope.Begin();
        Assert.Equal($"Tensor([2, 3], Float32, {Dev})", Tensor.Zeros([2, 3], device: Dev).ToString());
    }
}
