namespace Deforum.Torch.Native;

/// <summary>
/// How libtorch's helper threads wait, set natively before libtorch loads (libgomp and OpenBLAS read their
/// variables once, in their constructors) unless the user set them. On a machine whose cores other processes
/// also want (a render beside a build, a shared CI machine) a thread that spins or that the working thread must
/// wait for turns a 10 ms forward into 30-500 ms (docs/performance.md has the measurements):
/// - OMP_WAIT_POLICY=passive: idle OpenMP workers sleep instead of spinning after every parallel region;
/// - OPENBLAS_NUM_THREADS=1: OpenBLAS runs each product on the thread that calls it, which libtorch has already
///   parallelised, instead of handing halves to its own pool and waiting for them.
/// </summary>
internal static class ThreadDefaults
{
    /// <summary>Runs before the shim is loaded; returns what the OpenMP wait policy is and who set it.</summary>
    public static string ApplyOpenMpWaitPolicy()
    {
        if (LibC.IsLoaded("libgomp.so.1") && LibC.GetEnv("OMP_WAIT_POLICY") is null)
            return "libgomp's default (libgomp was loaded before Deforum.Torch could set OMP_WAIT_POLICY)";
        return DefaultUnlessSet("OMP_WAIT_POLICY", "passive", "active to spin", "GOMP_SPINCOUNT");
    }

    /// <summary>Runs before the shim is loaded; returns OpenBLAS's own thread count and who set it.</summary>
    public static string ApplyOpenBlasThreads() => DefaultUnlessSet("OPENBLAS_NUM_THREADS", "1", "N for its own pool of N", "GOTO_NUM_THREADS");

    static string DefaultUnlessSet(string variable, string value, string otherwise, string alsoRespected)
    {
        if (LibC.GetEnv(variable) is { } user) return $"{user} ({variable} set in the environment, respected)";
        if (LibC.GetEnv(alsoRespected) is { } other) return $"the library's, with {alsoRespected}={other} set in the environment (respected)";
        LibC.SetEnv(variable, value);
        return $"{value} (set by Deforum.Torch; {variable}={otherwise})";
    }
}
