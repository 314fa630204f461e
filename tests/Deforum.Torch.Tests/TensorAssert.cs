using Deforum.Torch;
using Xunit;

namespace Deforum.Torch.Tests;

internal static class TensorAssert
{
    public static Device Dev => Deforum.Testing.TestDevice.Current;

    /// <summary>0, 1, 2, ... as float32 in the given shape on the test device.</summary>
    public static Tensor Iota(params long[] shape) =>
        Tensor.Arange(0, shape.Aggregate(1L, (a, b) => a * b), 1, DType.Float32, Dev).Reshape(shape);

    /// <summary>fp32 round-off of the small hand-computed cases below.</summary>
    public const double Fp32Tolerance = 1e-5;

    public static void Values(Tensor t, float[] expected, double tol = Fp32Tolerance)
    {
        using var f = t.To(Device.Cpu, DType.Float32);
        var got = f.ToArray<float>();
        Assert.Equal(expected.Length, got.Length);
        for (int i = 0; i < got.Length; i++)
            Assert.True(Math.Abs(got[i] - expected[i]) <= tol, $"element {i}: got {got[i]}, expected {expected[i]}");
    }

    public static void Shape(Tensor t, params long[] expected) => Assert.Equal(expected, t.Shape);
}
