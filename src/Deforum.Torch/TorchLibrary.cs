using Deforum.Torch.Native;

namespace Deforum.Torch;

/// <summary>Process-wide libtorch settings: threads, seeding of the default generators, build information.</summary>
public static class TorchLibrary
{
    static TorchLibrary() => NativeLibraryLoader.EnsureLoaded();

    public static int NumThreads
    {
        get => TorchException.Check(NativeMethods.dt_get_num_threads(), "get_num_threads");
        set => TorchException.Check(NativeMethods.dt_set_num_threads(value), "set_num_threads");
    }

    /// <summary>torch.manual_seed: seeds the default generator of every device.</summary>
    public static void ManualSeed(long seed) => TorchException.Check(NativeMethods.dt_manual_seed(unchecked((ulong)seed)), "manual_seed");

    /// <summary>Whether this libtorch has oneDNN (MKL-DNN), enabled: what CPU convolutions with packed weights need.</summary>
    public static bool MkldnnEnabled { get; } = NativeMethods.dt_mkldnn_enabled() == 1;

    /// <summary>
    /// Whether <see cref="Modules.Conv2d"/> packs its CPU float32 weight for oneDNN at its first forward: with oneDNN,
    /// unless DEFORUM_PACK_CONV=0 (the plain weight, reordered on every call, for comparison).
    /// </summary>
    public static bool PackConvWeights { get; } = MkldnnEnabled && Environment.GetEnvironmentVariable("DEFORUM_PACK_CONV") != "0";

    /// <summary>What the loaded libtorch is and can do; read once per process.</summary>
    public static BuildInfo BuildInfo => BuildInfo.Current;
}
