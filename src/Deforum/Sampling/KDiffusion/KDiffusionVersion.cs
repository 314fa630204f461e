namespace Deforum.Sampling.KDiffusion;

/// <summary>Which k-diffusion the samplers and the σ schedule reproduce.</summary>
public enum KDiffusionVersion
{
    /// <summary>k-diffusion v0.0.12 (5b3af030), vendored by Deforum from 0.6/0.7: log-σ interpolation, geometric DPM-2 midpoint, no noise on the last ancestral step.</summary>
    V0012 = 0,

    /// <summary>k-diffusion of 2022-08-21 (e1307c45), the state Deforum 0.4 forked: linear-σ interpolation, ρ = 3 DPM-2 midpoint, noise drawn on every ancestral step.</summary>
    Compat2208 = 1,
}
