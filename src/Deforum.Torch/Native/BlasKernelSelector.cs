using System.Runtime.Intrinsics.X86;

namespace Deforum.Torch.Native;

/// <summary>
/// Gives OpenBLAS the best kernels this CPU runs when OpenBLAS would fall back to a generic core on its own
/// (OpenBLAS 0.3.21, Debian 12's, does not know Zen 5 and runs its SSE3 "Prescott" kernels there: 3-4x slower
/// matrix products). OpenBLAS reads OPENBLAS_CORETYPE once, in its constructor, so this runs before the shim
/// (and with it libtorch and its BLAS) is loaded: it loads the BLAS alone, asks which core it picked, unloads it,
/// and only when that core is below the CPU sets OPENBLAS_CORETYPE for the real load.
/// </summary>
internal static class BlasKernelSelector
{
    public const string Variable = "OPENBLAS_CORETYPE";

    /// <summary>What Debian's libtorch links; the alternatives system points it at OpenBLAS (or another BLAS).</summary>
    const string Soname = "libblas.so.3";

    /// <summary>
    /// OpenBLAS x86-64 cores by the newest instruction set their kernels use: 3 AVX-512, 2 AVX2+FMA, 1 AVX,
    /// 0 SSE only (names as openblas_get_corename returns them). A core missing here is one a newer OpenBLAS
    /// knows and this table does not: it is kept.
    /// </summary>
    static readonly Dictionary<string, int> Tier = new(StringComparer.OrdinalIgnoreCase)
    {
        ["SkylakeX"] = 3, ["Cooperlake"] = 3, ["SapphireRapids"] = 3,
        ["Haswell"] = 2, ["Zen"] = 2, ["Excavator"] = 2,
        ["Sandybridge"] = 1, ["Bulldozer"] = 1, ["Piledriver"] = 1, ["Steamroller"] = 1,
        ["Prescott"] = 0, ["Core2"] = 0, ["Penryn"] = 0, ["Dunnington"] = 0, ["Nehalem"] = 0, ["Atom"] = 0,
        ["Opteron"] = 0, ["Opteron_SSE3"] = 0, ["Barcelona"] = 0, ["Bobcat"] = 0, ["Unknown"] = 0,
    };

    /// <summary>The core OpenBLAS picked by itself, and whether it can pick another (a DYNAMIC_ARCH build).</summary>
    internal sealed record Detection(string Core, bool DynamicArch);

    /// <summary>Runs before the shim is loaded; returns what it found and did.</summary>
    public static BlasKernelChoice Apply()
    {
        var best = CpuBest();
        if (LibC.GetEnv(Variable) is { } user) return Decide(user, null, best);

        var handle = LibC.DlOpen(Soname, LibC.RtldLazy);
        if (handle == IntPtr.Zero) return Decide(null, null, best);
        var coreFn = LibC.DlSym(handle, "openblas_get_corename");
        var detection = LibC.CallString(coreFn) is { } core
            ? new Detection(core, LibC.CallString(LibC.DlSym(handle, "openblas_get_config"))?.Contains("DYNAMIC_ARCH", StringComparison.Ordinal) == true)
            : null;
        var choice = Decide(null, detection, best);
        // Closed in every case, so that a libtorch that links another BLAS (a pip wheel's MKL) is not left with an
        // idle OpenBLAS; Debian's libtorch then loads it again, which costs a few milliseconds.
        var implementation = LibC.ObjectPathOf(coreFn);
        LibC.DlClose(handle);
        if (choice.Chosen is null) return choice;

        // Re-initialising needs the OpenBLAS object itself gone, not only the libblas.so.3 wrapper.
        if (LibC.IsLoaded(Soname) || (implementation is not null && LibC.IsLoaded(implementation)))
            return choice with
            {
                Chosen = null,
                Reason = $"detected by OpenBLAS; {choice.Chosen} would be faster on this CPU, but OpenBLAS was already loaded " +
                         $"by something else and cannot be re-initialised: set {Variable}={choice.Chosen} before starting the process",
            };
        LibC.SetEnv(Variable, choice.Chosen);
        return choice;
    }

    /// <summary>The kernel family this CPU (and OS) supports best, from CPUID as the runtime reads it.</summary>
    static string? CpuBest() =>
        Avx512F.IsSupported && Avx512BW.IsSupported && Avx512DQ.IsSupported && Avx512F.VL.IsSupported ? "SkylakeX"
        : Avx2.IsSupported && Fma.IsSupported ? "Haswell"
        : null;

    /// <summary>The decision alone: respect a user setting, keep a core at the CPU's level, replace one below it.</summary>
    internal static BlasKernelChoice Decide(string? userCoreType, Detection? detected, string? cpuBest)
    {
        string supports = cpuBest is null ? "this CPU has neither AVX2+FMA nor AVX-512" : $"this CPU supports {cpuBest}";
        if (userCoreType is not null)
            return new(cpuBest, null, null, userCoreType, $"{Variable}={userCoreType} set in the environment, respected; {supports}, unset it to let Deforum choose");
        if (detected is null)
            return new(cpuBest, null, null, null, $"{Soname} is absent or not OpenBLAS, nothing to choose");
        if (!detected.DynamicArch)
            return new(cpuBest, detected.Core, null, null, $"detected {detected.Core}; this OpenBLAS is built for one CPU (no DYNAMIC_ARCH), so its kernels are fixed");
        if (cpuBest is null || !Tier.TryGetValue(detected.Core, out int tier) || tier >= Tier[cpuBest])
            return new(cpuBest, detected.Core, null, null, $"detected by OpenBLAS and kept; {supports}");
        return new(cpuBest, detected.Core, cpuBest, null, $"chosen by Deforum ({Variable}={cpuBest}): OpenBLAS detected {detected.Core}, below what this CPU supports");
    }
}
