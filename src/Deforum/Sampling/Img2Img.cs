using Deforum.Torch;

namespace Deforum.Sampling;

/// <summary>
/// Deforum's img2img strength: the fraction of the schedule that is skipped ("how much of the init is kept").
/// Port of Deforum v0.4 Deforum_Stable_Diffusion.py::generate and helpers/k_samplers.py::sampler_fn.
/// </summary>
public static class Img2Img
{
    /// <summary>
    /// Steps actually run: int((1.0 − strength)·steps) in IEEE double, truncated (strength 0.9, steps 10 → 0, because
    /// 1 − 0.9 is slightly below 0.1).
    /// </summary>
    public static int TEnc(double strength, int steps)
    {
        if (steps < 1) throw new ArgumentOutOfRangeException(nameof(steps), steps, "steps must be at least 1");
        if (!(strength >= 0 && strength <= 1)) throw new ArgumentOutOfRangeException(nameof(strength), strength, "strength must be within [0, 1]");
        return (int)((1.0 - strength) * steps);
    }

    /// <summary>
    /// strength_0_no_init: a generation without an init image runs at strength 0 (full txt2img), whatever strength says.
    /// This is what makes frame 0 of an animation a plain txt2img frame.
    /// </summary>
    public static double EffectiveStrength(double strength, bool useInit, bool strength0NoInit = true) =>
        strength0NoInit && !useInit && strength > 0 ? 0 : strength;

    /// <summary>The last t_enc non-zero σ of the full list and its final 0 (t_enc + 1 values): the steps img2img runs.</summary>
    public static float[] TruncateSigmas(IReadOnlyList<float> fullSigmas, int tEnc)
    {
        if (tEnc < 0 || tEnc >= fullSigmas.Count) throw new ArgumentOutOfRangeException(nameof(tEnc), tEnc, $"t_enc must be within 0 … {fullSigmas.Count - 1}");
        return fullSigmas.Skip(fullSigmas.Count - tEnc - 1).ToArray();
    }

    /// <summary>k-diffusion start latent: init + N·σ₀ with an init, N·σ₀ without.</summary>
    /// <param name="noise">N(0, 1), [B, 4, H/8, W/8].</param>
    /// <param name="initLatent">Scaled init latent of the same shape, or null.</param>
    public static Tensor KDiffusionStart(Tensor noise, float sigma0, Tensor? initLatent)
    {
        using var scope = DisposeScope.Begin();
        var scaled = noise.Mul(sigma0);
        return scope.MoveToOuter(initLatent is null ? scaled : initLatent.Add(scaled));
    }
}
