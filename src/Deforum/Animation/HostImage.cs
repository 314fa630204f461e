using Deforum.Torch;

namespace Deforum.Animation;

/// <summary>
/// A frame copied to managed memory for the CPU kernels that must reproduce a library's integer arithmetic
/// bit for bit (OpenCV, Pillow, scikit-image); the result goes back to the frame's device.
/// </summary>
internal static class HostImage
{
    /// <summary>Checks an H×W×C frame and returns (H, W, C).</summary>
    public static (int H, int W, int C) CheckHwc(Tensor frame, string name, params int[] channels)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var s = frame.Shape;
        if (s.Length != 3 || !channels.Contains((int)s[2]) || s[0] < 1 || s[1] < 1)
            throw new ArgumentException(
                $"{name} must be an H×W×C frame with C in {{{string.Join(", ", channels)}}}; got [{string.Join(", ", s)}]", name);
        return ((int)s[0], (int)s[1], (int)s[2]);
    }

    public static void CheckDType(Tensor t, string name, params DType[] allowed)
    {
        if (!allowed.Contains(t.DType))
            throw new ArgumentException($"{name} must have dtype {string.Join(" or ", allowed)}; got {t.DType}", name);
    }

    /// <summary>The tensor's elements on the host, converted to T's dtype (byte, float or double) on the way.</summary>
    public static T[] Read<T>(Tensor t) where T : unmanaged
    {
        var dtype = typeof(T) == typeof(byte) ? DType.UInt8 : typeof(T) == typeof(float) ? DType.Float32 : DType.Float64;
        using var scope = DisposeScope.Begin();
        return t.To(Device.Cpu, dtype).Contiguous().ToArray<T>();
    }

    public static Tensor Write<T>(T[] data, long[] shape, Device device) where T : unmanaged
    {
        using var scope = DisposeScope.Begin();
        var host = Tensor.From<T>(data.AsSpan(), shape);
        return scope.MoveToOuter(device == Device.Cpu ? host : host.To(device));
    }
}
