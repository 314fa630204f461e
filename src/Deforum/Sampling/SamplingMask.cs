using Deforum.Sampling.CompVis;
using Deforum.Torch;

namespace Deforum.Sampling;


/// <summary>
/// Ties masked latent pixels to the noised init during sampling (algorithms.md §9.3): at step i a pixel with mask
/// value m is reset when m ≥ thresholds[i] and m ≠ 0, where thresholds = sort(σ_list / max σ_list). White (1) is tied
/// until the last step — white keeps the init, black (0) is regenerated. Edits x in place, as the original's callback.
/// Port of Deforum v0.4 helpers/k_samplers.py::SamplerCallback (k_callback and img_callback_).
/// </summary>
public sealed class SamplingMask
{
    readonly Tensor _mask;
    readonly Tensor _initLatent;
    readonly Tensor _noise;
    readonly float[] _thresholds;

    /// <param name="mask">[B, 4, H/8, W/8] in [0, 1], already adjusted, inverted and clipped (§9.2).</param>
    /// <param name="initLatent">The scaled init latent [B, 4, H/8, W/8].</param>
    /// <param name="noise">The fixed N(0, 1) drawn when the callback was created, [B, 4, H/8, W/8].</param>
    /// <param name="sigmaList">The img2img σ list (t_enc + 1 values ending in 0).</param>
    public SamplingMask(Tensor mask, Tensor initLatent, Tensor noise, IReadOnlyList<float> sigmaList)
    {
        if (!mask.Shape.SequenceEqual(initLatent.Shape))
            throw new ArgumentException($"mask [{string.Join(", ", mask.Shape)}] must match the latent [{string.Join(", ", initLatent.Shape)}]", nameof(mask));
        _mask = mask;
        _initLatent = initLatent;
        _noise = noise;
        float max = sigmaList.Max();
        _thresholds = sigmaList.Select(s => s / max).Order().ToArray();
    }

    /// <summary>
    /// The threshold a mask value must reach to be tied at step i. Past the list's end the last one (1: only white is
    /// tied): dpm_fast with Deforum's full step count and dpm_adaptive, which counts every attempt, may report more
    /// steps than the list holds σ, where the original indexes past its schedule and fails (IndexError).
    /// </summary>
    public float Threshold(int step) => _thresholds[Math.Min(step, _thresholds.Length - 1)];

    /// <summary>k-samplers: tied pixels become init + noise·σ_i.</summary>
    public void ApplyKDiffusion(SamplerStep step)
    {
        using var scope = DisposeScope.Begin();
        Pin(step.X, step.Step, _initLatent.Add(_noise.Mul(step.Sigma)));
    }

    /// <summary>DDIM (after the update of step i): tied pixels become stochastic_encode(init, t_enc − i) with the fixed noise.</summary>
    public void ApplyDdim(SamplerStep step, DdimSchedule schedule, int tEnc)
    {
        using var scope = DisposeScope.Begin();
        Pin(step.X, step.Step, Ddim.StochasticEncode(_initLatent, schedule, tEnc - step.Step, _noise));
    }

    void Pin(Tensor x, int step, Tensor tied)
    {
        var pinned = _mask.Ge(Threshold(step)).LogicalAnd(_mask.Ne(0));
        x.Copy_(Tensor.Where(pinned, tied, x));
    }
}
