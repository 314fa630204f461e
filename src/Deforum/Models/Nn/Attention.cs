using Deforum.Torch;

namespace Deforum.Models.Nn;

/// <summary>softmax(q kᵀ · scale) v for the UNet transformers and the VAE mid-block.</summary>
public static class Attention
{
    /// <summary>
    /// Scores computed at once on CPU: 4 Mi floats (16 MB), one head × 1024 query rows at 64×64 latents. The naive
    /// form needs batch × heads × 4096² (1 GB) there and spends most of the UNet's time streaming it through memory;
    /// blocks this size keep the peak flat while each block is still a large, efficient GEMM.
    /// </summary>
    public const long CpuScoreBlockElements = 4L << 20;

    /// <summary>
    /// q [B, H, Lq, D], k [B, H, Lk, D], v [B, H, Lk, Dv] → [B, H, Lq, Dv]. Four dimensions because libtorch's fused
    /// CUDA kernels (flash / memory-efficient) take only that layout; other shapes fall back to the naive math there.
    /// </summary>
    public static Tensor Compute(Tensor q, Tensor k, Tensor v, double scale) =>
        q.Device.IsCuda
            ? F.ScaledDotProductAttention(q, k, v, scale: scale)
            : ModelOps.ChunkedAttention(q, k, v, scale, CpuScoreBlockElements);
}
