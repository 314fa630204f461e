using Deforum.Torch;

namespace Deforum.Sampling;

/// <summary>
/// What a sampler reports each step — k-samplers after the step's first model evaluation, before the update; DDIM and
/// PLMS after the update (the original's image callback); dpm_adaptive after every attempt, kept or rejected, with σ
/// of where it now stands. <see cref="X"/> is the live latent: a
/// callback may edit it in place (masks do), and the step continues from the edited value as the original did.
/// Both tensors are freed when the step ends; clone what must outlive it.
/// </summary>
/// <param name="X">Current latent [B, 4, H/8, W/8].</param>
/// <param name="Step">Step index from 0.</param>
/// <param name="Sigma">σ_i (k-diffusion) or the DDPM timestep (DDIM/PLMS).</param>
/// <param name="SigmaHat">σ̂_i after churn (equal to σ_i: Deforum never uses churn).</param>
/// <param name="Denoised">The denoised estimate (x̂₀) of this step, [B, 4, H/8, W/8].</param>
public sealed record SamplerStep(Tensor X, int Step, float Sigma, float SigmaHat, Tensor Denoised);

public delegate void StepCallback(SamplerStep step);

/// <summary>What every sampler needs besides the model, the latent and the schedule.</summary>
/// <param name="Noise">Source of every Gaussian draw, in the original's order.</param>
/// <param name="Callback">Per-step report (may edit x in place).</param>
/// <param name="KDiffusion">Which k-diffusion behaviour the k-samplers reproduce.</param>
/// <param name="Cancellation">Checked before every step.</param>
public sealed record SamplingContext(INoiseSource Noise, StepCallback? Callback = null,
    KDiffusion.KDiffusionVersion KDiffusion = Sampling.KDiffusion.KDiffusionVersion.V0012, CancellationToken Cancellation = default)
{
    internal void Report(Tensor x, int step, float sigma, float sigmaHat, Tensor denoised)
    {
        Cancellation.ThrowIfCancellationRequested();
        Callback?.Invoke(new SamplerStep(x, step, sigma, sigmaHat, denoised));
    }
}
