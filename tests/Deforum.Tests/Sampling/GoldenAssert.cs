using Deforum.Testing;
using Deforum.Torch;

namespace Deforum.Tests.Sampling;

internal static class GoldenAssert
{
    public static void Close(Tensor got, float[] expected, Tolerance tol, string what)
    {
        using var cpu = got.To(Device.Cpu, DType.Float32);
        Golden.AssertClose(cpu.ToArray<float>(), expected, tol, what);
    }

    public static void Close(IReadOnlyList<float> got, float[] expected, Tolerance tol, string what) =>
        Golden.AssertClose(got.ToArray(), expected, tol, what);
}
