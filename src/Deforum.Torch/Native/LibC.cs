using System.Runtime.InteropServices;

namespace Deforum.Torch.Native;

/// <summary>
/// The few glibc calls the loader needs before libtorch is in the process. The environment is the native one
/// (getenv/setenv): .NET keeps its own copy on Unix, which OpenBLAS and libgomp never read.
/// </summary>
internal static partial class LibC
{
    const string Dl = "libdl.so.2";   // glibc 2.34+ moved dlopen into libc.so.6 and keeps this name as a forwarder
    const string C = "libc.so.6";

    public const int RtldLazy = 0x1;
    public const int RtldNoLoad = 0x4;

    [LibraryImport(Dl, EntryPoint = "dlopen", StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr DlOpen(string file, int flags);

    [LibraryImport(Dl, EntryPoint = "dlsym", StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr DlSym(IntPtr handle, string symbol);

    [LibraryImport(Dl, EntryPoint = "dlclose")]
    private static partial int DlCloseNative(IntPtr handle);

    /// <summary>dlclose; its failure needs no handling here, since whether an object is gone is checked with <see cref="IsLoaded"/>.</summary>
    public static void DlClose(IntPtr handle) => _ = DlCloseNative(handle);

    [StructLayout(LayoutKind.Sequential)]
    struct DlInfo
    {
        public IntPtr FileName, FileBase, SymbolName, SymbolAddress;
    }

    [LibraryImport(Dl, EntryPoint = "dladdr")]
    private static partial int DlAddr(IntPtr address, out DlInfo info);

    /// <summary>The path of the loaded object that holds this address (a dlsym result), or null.</summary>
    public static string? ObjectPathOf(IntPtr address) =>
        DlAddr(address, out var info) != 0 ? Marshal.PtrToStringUTF8(info.FileName) : null;

    /// <summary>True while an object of this name or path is in the process (dlopen RTLD_NOLOAD).</summary>
    public static bool IsLoaded(string file)
    {
        var h = DlOpen(file, RtldLazy | RtldNoLoad);
        if (h == IntPtr.Zero) return false;
        DlClose(h);
        return true;
    }

    [LibraryImport(C, EntryPoint = "getenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr GetEnvPtr(string name);

    [LibraryImport(C, EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int SetEnvNative(string name, string value, int overwrite);

    /// <summary>The variable as native code sees it; null when unset or empty.</summary>
    public static string? GetEnv(string name) => Marshal.PtrToStringUTF8(GetEnvPtr(name)) is { Length: > 0 } v ? v : null;

    /// <summary>Sets the variable for native code in this process (not for .NET's Environment, nor child processes).</summary>
    public static void SetEnv(string name, string value)
    {
        if (SetEnvNative(name, value, 1) != 0) throw new TorchException($"setenv({name}={value}) failed (errno {Marshal.GetLastPInvokeError()})");
    }

    /// <summary>A C string a native function returned (static storage there), or null.</summary>
    public static unsafe string? CallString(IntPtr function) =>
        function == IntPtr.Zero ? null : Marshal.PtrToStringUTF8(((delegate* unmanaged<IntPtr>)function)());
}
