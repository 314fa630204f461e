using System.Runtime.InteropServices;
using Deforum.Torch.Native;

namespace Deforum.Torch;

/// <summary>An error reported by libtorch (its message, without the C++ backtrace) or by the binding.</summary>
public sealed class TorchException : Exception
{
    public TorchException(string message) : base(message) { }
    public TorchException(string message, Exception inner) : base(message, inner) { }

    internal static TorchException FromNative(string operation)
    {
        var message = Marshal.PtrToStringUTF8(NativeMethods.dt_last_error()) ?? "(no message)";
        return new TorchException($"{operation}: {message.Trim()}");
    }

    internal static IntPtr Check(IntPtr result, string operation) =>
        result != IntPtr.Zero ? result : throw FromNative(operation);

    internal static int Check(int result, string operation) =>
        result >= 0 ? result : throw FromNative(operation);
}
