namespace Deforum.Torch.Native;

/// <summary>
/// How libtorch's helper threads wait, set natively before libtorch loads (libgomp and OpenBLAS read their
/// variables once, in their constructors) unless the user set them (docs/performance.md has the measurements):
/// - GOMP_SPINCOUNT=10000: an idle OpenMP worker spins that long (a fraction of a millisecond) for the next parallel
///   region, then sleeps. The regions of a forward come every few microseconds, so on a quiet machine the workers
///   never sleep (sleeping ones made the tiny UNet 3-4x slower there: each region waited for a wake-up); on a machine
///   whose cores other processes want, a worker gives its core back soon instead of spinning out its time slice
///   (libgomp's default spin is 30x longer; unbounded spinning turned 10 ms forwards into 100-1800 ms);
/// - OPENBLAS_NUM_THREADS=1: OpenBLAS runs each product on the thread that calls it, which libtorch has already
///   parallelised, instead of handing halves to its own pool and waiting for them.
/// </summary>
internal static class ThreadDefaults
{
    /// <summary>Runs before the shim is loaded; returns what the OpenMP wait policy is and who set it.</summary>
    public static string ApplyOpenMpWaitPolicy()
    {
        if (LibC.IsLoaded("libgomp.so.1") && LibC.GetEnv("OMP_WAIT_POLICY") is null && LibC.GetEnv("GOMP_SPINCOUNT") is null)
            return "libgomp's default (libgomp was loaded before Deforum.Torch could set GOMP_SPINCOUNT)";
        if (LibC.GetEnv("OMP_WAIT_POLICY") is { } policy) return $"{policy} (OMP_WAIT_POLICY set in the environment, respected)";
        return DefaultUnlessSet("GOMP_SPINCOUNT", SpinCount, "N to spin N times, or OMP_WAIT_POLICY=passive|active", alsoRespected: null,
            shown: $"spin {SpinCount}, then sleep");
    }

    /// <summary>Runs before the shim is loaded; returns OpenBLAS's own thread count and who set it.</summary>
    public static string ApplyOpenBlasThreads() => DefaultUnlessSet("OPENBLAS_NUM_THREADS", "1", "N for its own pool of N", "GOTO_NUM_THREADS");

    /// <summary>libgomp's spin iterations before an idle worker sleeps: quiet-machine speed with a short hold on the core (see above).</summary>
    internal const string SpinCount = "10000";

    static string DefaultUnlessSet(string variable, string value, string otherwise, string? alsoRespected, string? shown = null)
    {
        if (LibC.GetEnv(variable) is { } user) return $"{user} ({variable} set in the environment, respected)";
        if (alsoRespected is not null && LibC.GetEnv(alsoRespected) is { } other) return $"the library's, with {alsoRespected}={other} set in the environment (respected)";
        LibC.SetEnv(variable, value);
        return $"{shown ?? value} (set by Deforum.Torch; {variable}={otherwise})";
    }
}
