using Deforum.Torch.Native;

namespace Deforum.Torch;

/// <summary>Kernels the diffusion models need that torch.nn.functional does not offer.</summary>
public static class ModelOps
{
    /// <summary>
    /// softmax(q kᵀ · scale) v over q [..., Lq, D], k [..., Lk, D], v [..., Lk, Dv] (e.g. [B, H, L, D]), materialising at most
    /// <paramref name="maxScoreElements"/> attention scores at once (per head and block of query rows); small
    /// problems run as one batched product. Same math as the naive form, bounded memory.
    /// </summary>
    public static Tensor ChunkedAttention(Tensor q, Tensor k, Tensor v, double scale, long maxScoreElements) =>
        Tensor.Wrap(NativeMethods.dt_attention_chunked(q.Handle, k.Handle, v.Handle, scale, maxScoreElements), "attention_chunked");
}
