using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Deforum.Torch.Native;

/// <summary>
/// Resolves libdeforum_torch next to this assembly (tests, CLI, publish, or a notebook's #r), then
/// DEFORUM_NATIVE_DIR, then the default search path; refuses a shim whose ABI differs from this binding's.
/// </summary>
internal static class NativeLibraryLoader
{
    static readonly object Gate = new();
    static bool _verified;

    const string FileName = "libdeforum_torch.so";

#pragma warning disable CA2255 // a module initializer is the only hook that runs before the first P/Invoke of a #r'd assembly
    [ModuleInitializer]
    internal static void Register() => NativeLibrary.SetDllImportResolver(typeof(NativeLibraryLoader).Assembly, Resolve);
#pragma warning restore CA2255

    /// <summary>What was set in the native environment before libtorch loaded (null until the shim is resolved).</summary>
    internal static BlasKernelChoice? BlasKernel { get; private set; }

    internal static string? OpenMpWaitPolicy { get; private set; }

    internal static string? OpenBlasThreads { get; private set; }

    static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != NativeMethods.Library) return IntPtr.Zero;
        // OpenBLAS and libgomp read their settings in their constructors, which run when the shim pulls them in.
        BlasKernel ??= BlasKernelSelector.Apply();
        OpenMpWaitPolicy ??= ThreadDefaults.ApplyOpenMpWaitPolicy();
        OpenBlasThreads ??= ThreadDefaults.ApplyOpenBlasThreads();
        foreach (var dir in CandidateDirectories(assembly))
        {
            var path = Path.Combine(dir, FileName);
            if (File.Exists(path)) return NativeLibrary.Load(path);
        }
        return NativeLibrary.TryLoad(FileName, assembly, searchPath, out var h) ? h : IntPtr.Zero;
    }

    static IEnumerable<string> CandidateDirectories(Assembly assembly)
    {
        if (Path.GetDirectoryName(assembly.Location) is { Length: > 0 } here) yield return here;
        if (Environment.GetEnvironmentVariable("DEFORUM_NATIVE_DIR") is { Length: > 0 } env) yield return env;
        yield return AppContext.BaseDirectory;
    }

    /// <summary>Loads the shim once and checks its ABI version; throws a message saying how to rebuild.</summary>
    public static void EnsureLoaded()
    {
        if (_verified) return;
        lock (Gate)
        {
            if (_verified) return;
            int abi;
            try
            {
                abi = NativeMethods.dt_abi_version();
            }
            catch (DllNotFoundException e)
            {
                throw new TorchException(
                    $"the native shim {FileName} could not be loaded ({e.Message}). Run environment/setup.sh (installs libtorch and builds the shim) " +
                    "or `dotnet build`, or set DEFORUM_NATIVE_DIR to the folder that holds it.", e);
            }
            if (abi != NativeMethods.AbiVersion)
                throw new TorchException(
                    $"{FileName} has ABI version {abi} but Deforum.Torch expects {NativeMethods.AbiVersion}: the shim is stale. " +
                    "Rebuild it with `dotnet build` (or environment/setup.sh) so native/ and the managed binding match.");
            TorchException.Check(NativeMethods.dt_set_num_threads(DefaultThreads()), "set_num_threads");
            _verified = true;
            if (BuildInfo.Current.BlasKernelWarning is { } kernel) Console.Error.WriteLine($"Deforum.Torch warning: {kernel}");
            // The slow reference BLAS is the one misconfiguration that silently costs 5-12x: say so once, at start-up.
            if (BuildInfo.Current.BlasWarning is { } warning) Console.Error.WriteLine($"Deforum.Torch warning: {warning}");
        }
    }

    /// <summary>
    /// DEFORUM_NUM_THREADS, else every logical processor. libtorch's own default counts physical cores, which on
    /// small cloud VMs (2 vCPUs = 1 core with SMT) halves throughput against PyTorch set to the same thread count.
    /// </summary>
    static int DefaultThreads() =>
        int.TryParse(Environment.GetEnvironmentVariable("DEFORUM_NUM_THREADS"), out var n) && n > 0 ? n : Environment.ProcessorCount;
}
