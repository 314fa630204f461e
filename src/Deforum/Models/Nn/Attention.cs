using Deforum.Torch;

namespace Deforum.Models.Nn;

/// <summary>softmax(q kᵀ · scale) v for the UNet transformers and the VAE mid-block, heads folded into the batch.</summary>
internal static class Attention
{
    /// <summary>
    /// Scores computed at once on CPU: 4 Mi floats (16 MB), one head × 1024 query rows at 64×64 latents. The naive
    /// form needs batch × heads × 4096² (1 GB) there and spends most of the UNet's time streaming it through memory;
    /// blocks this size keep the peak flat while each block is still a large, efficient GEMM.
    /// </summary>
    const long CpuScoreBlockElements = 4L << 20;

    /// <summary>q [N, Lq, D], k [N, Lk, D], v [N, Lk, Dv] → [N, Lq, Dv].</summary>
    public static Tensor Compute(Tensor q, Tensor k, Tensor v, double scale) =>
        q.Device.IsCuda
            ? F.ScaledDotProductAttention(q, k, v, scale: scale)
            : ModelOps.ChunkedAttention(q, k, v, scale, CpuScoreBlockElements);
}
