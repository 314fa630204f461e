using Deforum.Torch;

namespace Deforum.Models.Nn;

/// <summary>softmax(q kᵀ · scale) v for the UNet transformers and the VAE mid-block.</summary>
public static class Attention
{
    /// <summary>
    /// Scores computed at once on CPU: 1 Mi floats (4 MB), one head × 256 query rows at 64×64 latents. The naive
    /// form needs batch × heads × 4096² (1 GB) there and spends most of the UNet's time streaming it through memory.
    /// Measured on the 2-core anchor machine for one 64×64 self-attention ([16, 4096, 40]): 256-row blocks 1.15 s,
    /// 1024-row blocks 1.76 s, whole heads 5.6 s (the smaller blocks stay in cache between the two products).
    /// </summary>
    public const long CpuScoreBlockElements = 1L << 20;

    /// <summary>
    /// q [B, H, Lq, D], k [B, H, Lk, D], v [B, H, Lk, Dv] → [B, H, Lq, Dv]. Four dimensions because libtorch's fused
    /// CUDA kernels (flash / memory-efficient) take only that layout; other shapes fall back to the naive math there.
    /// </summary>
    public static Tensor Compute(Tensor q, Tensor k, Tensor v, double scale) =>
        q.Device.IsCuda
            ? F.ScaledDotProductAttention(q, k, v, scale: scale)
            : ModelOps.ChunkedAttention(q, k, v, scale, CpuScoreBlockElements);
}
