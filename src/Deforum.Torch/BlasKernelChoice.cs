namespace Deforum.Torch;

/// <summary>
/// How the OpenBLAS kernels of this process were picked, before libtorch loaded: what the CPU supports best
/// (<see cref="CpuBest"/>: SkylakeX for AVX-512, Haswell for AVX2+FMA, null for neither), the core OpenBLAS
/// detected on its own, the OPENBLAS_CORETYPE Deforum set (<see cref="Chosen"/>, null when it set none) or
/// the one the user had set (<see cref="UserCoreType"/>, always respected), and why.
/// </summary>
public sealed record BlasKernelChoice(string? CpuBest, string? Detected, string? Chosen, string? UserCoreType, string Reason)
{
    public override string ToString() => Reason;
}
