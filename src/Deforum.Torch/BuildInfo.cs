using System.Runtime.InteropServices;
using System.Text.Json;
using Deforum.Torch.Native;

namespace Deforum.Torch;

/// <summary>
/// What the loaded libtorch is: version, CUDA, cuDNN, the BLAS it calls and the OpenBLAS core it runs
/// (<see cref="BlasCore"/>, empty for another BLAS) with how that core was picked, the attention kernel kind,
/// the intra-op thread count, the OpenMP wait policy and OpenBLAS's own thread count.
/// </summary>
public sealed record BuildInfo(
    int Abi, string TorchVersion, bool CudaAvailable, int CudaDeviceCount, int CuDnnVersion, bool BuiltWithCuda,
    string Attention, string Blas, string BlasPath, string BlasCore, BlasKernelChoice? BlasKernel, int Threads, string OpenMpWaitPolicy, string OpenBlasThreads)
{
    static readonly Lazy<BuildInfo> Instance = new(Read);

    public static BuildInfo Current
    {
        get
        {
            // loading verifies the shim and may itself ask for the build info (its BLAS warning): load first, outside the Lazy
            NativeLibraryLoader.EnsureLoaded();
            return Instance.Value;
        }
    }

    /// <summary>True when libtorch calls the unoptimised reference BLAS (5–12× slower matrix products).</summary>
    public bool IsReferenceBlas => Blas == "reference";

    /// <summary>A warning for the user, or null when the BLAS is an optimised one.</summary>
    public string? BlasWarning => IsReferenceBlas
        ? $"libtorch is using the reference BLAS ({BlasPath}), which is 5-12x slower than OpenBLAS. " +
          "Install libopenblas0-pthread (environment/setup.sh does) or select it with " +
          "`update-alternatives --config libblas.so.3-x86_64-linux-gnu`."
        : null;

    /// <summary>A warning when the OPENBLAS_CORETYPE Deforum chose is not the core OpenBLAS runs, else null.</summary>
    public string? BlasKernelWarning => BlasKernel?.Chosen is { } chosen && !string.Equals(chosen, BlasCore, StringComparison.OrdinalIgnoreCase)
        ? $"OPENBLAS_CORETYPE={chosen} was set before libtorch loaded, but OpenBLAS runs {(BlasCore.Length > 0 ? BlasCore : "no known core")} ({BlasPath}); " +
          "matrix products may be several times slower. Report it with the output of `deforum doctor`."
        : null;

    static BuildInfo Read()
    {
        var json = Marshal.PtrToStringUTF8(TorchException.Check(NativeMethods.dt_build_info(), "build_info"))!;
        var e = JsonDocument.Parse(json).RootElement;
        return new BuildInfo(
            e.GetProperty("abi").GetInt32(), e.GetProperty("torch").GetString()!, e.GetProperty("cuda_available").GetBoolean(),
            e.GetProperty("cuda_device_count").GetInt32(), e.GetProperty("cudnn").GetInt32(), e.GetProperty("built_with_cuda").GetBoolean(),
            e.GetProperty("sdpa").GetString()!, e.GetProperty("blas").GetString()!, e.GetProperty("blas_path").GetString()!,
            e.GetProperty("blas_core").GetString()!, NativeLibraryLoader.BlasKernel, e.GetProperty("threads").GetInt32(),
            NativeLibraryLoader.OpenMpWaitPolicy ?? "unknown", NativeLibraryLoader.OpenBlasThreads ?? "unknown");
    }

    public override string ToString() =>
        $"libtorch {TorchVersion} (shim ABI {Abi}), CUDA {(CudaAvailable ? $"yes, {CudaDeviceCount} device(s), cuDNN {CuDnnVersion}" : "no")}, " +
        $"attention {Attention}, BLAS {Blas}, {Threads} threads";

    /// <summary>The kernels OpenBLAS runs and how they were picked (detected, chosen or set by the user).</summary>
    public string BlasKernelSummary => $"{(BlasCore.Length > 0 ? $"OpenBLAS {BlasCore}" : Blas)}; {BlasKernel?.Reason ?? "not selected"}";

    /// <summary>The CPU-speed settings, one per line, as `deforum doctor` prints them.</summary>
    public IEnumerable<string> Tuning()
    {
        yield return $"BLAS kernels: {BlasKernelSummary}";
        yield return $"intra-op threads: {Threads} (DEFORUM_NUM_THREADS to change)";
        yield return $"OpenMP wait policy: {OpenMpWaitPolicy}";
        yield return $"OpenBLAS threads: {OpenBlasThreads}";
        yield return $"CPU conv2d weights: {(TorchLibrary.PackConvWeights ? "packed for oneDNN at first use (DEFORUM_PACK_CONV=0: plain)"
            : TorchLibrary.MkldnnEnabled ? "plain (DEFORUM_PACK_CONV=0)" : "plain (this libtorch has no oneDNN)")}";
    }
}
