using Deforum.Torch;

namespace Deforum.Sampling;

/// <summary>
/// D(x, σ): the denoised estimate of a latent at noise level σ, guidance included — the "model" every
/// k-diffusion sampler calls.
/// </summary>
public interface IDenoiser
{
    /// <param name="x">Noisy latent [B, 4, H/8, W/8].</param>
    /// <param name="sigma">Noise level shared by the batch (a float32 value, as the reference's σ tensors).</param>
    /// <returns>Denoised latent [B, 4, H/8, W/8] (owned by the caller's dispose scope).</returns>
    Tensor Denoise(Tensor x, float sigma);
}
