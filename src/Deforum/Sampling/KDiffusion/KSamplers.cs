using Deforum.Torch;

namespace Deforum.Sampling.KDiffusion;

/// <summary>
/// A k-diffusion sampler: integrates x from σ₀ down to the last σ (0) with the denoiser — the DPM-Solver samplers
/// (dpm_fast, dpm_adaptive) down to the smallest non-zero σ — and returns a new latent.
/// </summary>
/// <param name="model">D(x, σ), guidance included.</param>
/// <param name="x">Starting latent [B, 4, H/8, W/8], already scaled to σ₀ (not modified).</param>
/// <param name="sigmas">Descending noise levels ending in 0 (float32 values); one step per adjacent pair.</param>
public delegate Tensor KSampler(IDenoiser model, Tensor x, IReadOnlyList<float> sigmas, SamplingContext context);

/// <summary>The k-diffusion samplers (Deforum's klms, dpm2, dpm2_ancestral, heun, euler, euler_ancestral, dpm_fast, dpm_adaptive, dpmpp_2s_a, dpmpp_2m).</summary>
public static partial class KSamplers
{
    /// <summary>
    /// Runs one scope per step over a private copy of x. Steps update x in place (as the original's callback may);
    /// whatever a step wants to keep for later steps it moves out of its scope into the run's.
    /// </summary>
    static Tensor Run(Tensor x0, IReadOnlyList<float> sigmas, SamplingContext context, Action<Tensor, int> step)
    {
        if (sigmas.Count < 1) throw new ArgumentException("the σ list must hold at least the final 0", nameof(sigmas));
        using var run = DisposeScope.Begin();
        var x = x0.Clone();
        for (int i = 0; i < sigmas.Count - 1; i++)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            using var stepScope = DisposeScope.Begin();
            step(x, i);
        }
        return run.MoveToOuter(x);
    }

    /// <summary>d = (x − D)/σ, the probability-flow ODE derivative (k-diffusion sampling.py::to_d).</summary>
    static Tensor ToD(Tensor x, float sigma, Tensor denoised) => x.Sub(denoised).Div(sigma);

    /// <summary>
    /// σ_down, σ_up of an ancestral step from σ_from to σ_to at η = 1 (k-diffusion sampling.py::get_ancestral_step;
    /// v0.0.12's min(σ_to, ·) never binds at η = 1).
    /// </summary>
    static (float Down, float Up) AncestralStep(float from, float to)
    {
        float up = MathF.Min(to, MathF.Sqrt(to * to * (from * from - to * to) / (from * from)));
        return (MathF.Sqrt(to * to - up * up), up);
    }

    /// <summary>The DPM-2 midpoint: geometric mean in v0.0.12, the ρ = 3 mean in 2022-08.</summary>
    static float Midpoint(float sigma, float next, KDiffusionVersion version)
    {
        if (version == KDiffusionVersion.Compat2208)
        {
            float m = (MathF.Pow(sigma, 1f / 3f) + MathF.Pow(next, 1f / 3f)) / 2f;
            return m * m * m;
        }
        // torch.lerp at weight 0.5 takes its "end − (end − start)·(1 − w)" branch.
        float a = MathF.Log(sigma), b = MathF.Log(next);
        return MathF.Exp(b - (b - a) * 0.5f);
    }

    /// <summary>The s_churn noise the original draws each step and multiplies by 0 (churn is off in Deforum): drawn to keep the stream aligned.</summary>
    static void DrawUnusedChurnNoise(Tensor x, SamplingContext context) => context.Noise.RandnLike(x).Dispose();
}
