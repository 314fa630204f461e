using System.Runtime.InteropServices;
using System.Text.Json;
using Deforum.Torch.Native;

namespace Deforum.Torch;

/// <summary>What the loaded libtorch is: version, CUDA, cuDNN, the BLAS it calls, the attention kernel kind.</summary>
public sealed record BuildInfo(
    int Abi, string TorchVersion, bool CudaAvailable, int CudaDeviceCount, int CuDnnVersion, bool BuiltWithCuda,
    string Attention, string Blas, string BlasPath, int Threads)
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

    static BuildInfo Read()
    {
        var json = Marshal.PtrToStringUTF8(TorchException.Check(NativeMethods.dt_build_info(), "build_info"))!;
        var e = JsonDocument.Parse(json).RootElement;
        return new BuildInfo(
            e.GetProperty("abi").GetInt32(), e.GetProperty("torch").GetString()!, e.GetProperty("cuda_available").GetBoolean(),
            e.GetProperty("cuda_device_count").GetInt32(), e.GetProperty("cudnn").GetInt32(), e.GetProperty("built_with_cuda").GetBoolean(),
            e.GetProperty("sdpa").GetString()!, e.GetProperty("blas").GetString()!, e.GetProperty("blas_path").GetString()!,
            e.GetProperty("threads").GetInt32());
    }

    public override string ToString() =>
        $"libtorch {TorchVersion} (shim ABI {Abi}), CUDA {(CudaAvailable ? $"yes, {CudaDeviceCount} device(s), cuDNN {CuDnnVersion}" : "no")}, " +
        $"attention {Attention}, BLAS {Blas}, {Threads} threads";
}
