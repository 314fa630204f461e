using Deforum.Sampling.KDiffusion;

namespace Deforum.Sampling;

/// <summary>The sampler part of a generation's settings.</summary>
public sealed record SamplerSettings
{
    public SamplerName Sampler { get; init; } = SamplerName.Klms;

    /// <summary>Length of the full noise schedule (img2img runs only its last t_enc steps).</summary>
    public int Steps { get; init; } = 50;

    /// <summary>DDIM η (0 = deterministic); ignored by every other sampler, as Deforum forces it to 0 for them.</summary>
    public double DdimEta { get; init; }

    public KDiffusionVersion KDiffusion { get; init; } = KDiffusionVersion.V0012;

    /// <summary>Karras et al. σ levels over the model's σ range instead of the model's own discrete schedule (later Deforum).</summary>
    public bool KarrasSigmas { get; init; }

    /// <summary>Hidden `dynamic_threshold`: a percentile of |x| (0–100) applied at every step, or null.</summary>
    public double? DynamicThreshold { get; init; }

    /// <summary>Hidden `static_threshold`: clamp x to ±value at every step, or null.</summary>
    public double? StaticThreshold { get; init; }

    /// <summary>Throws on settings no sampler can run (steps &lt; 1, η &lt; 0, PLMS with η ≠ 0).</summary>
    public SamplerSettings Validate()
    {
        if (Steps < 1) throw new ArgumentOutOfRangeException(nameof(Steps), Steps, "steps must be at least 1");
        if (!(DdimEta >= 0) || !double.IsFinite(DdimEta)) throw new ArgumentOutOfRangeException(nameof(DdimEta), DdimEta, "ddim_eta must be a finite number ≥ 0");
        if (DynamicThreshold is { } p && !(p >= 0 && p <= 100)) throw new ArgumentOutOfRangeException(nameof(DynamicThreshold), p, "dynamic_threshold is a percentile within 0 … 100");
        if (StaticThreshold is { } v && !(v > 0)) throw new ArgumentOutOfRangeException(nameof(StaticThreshold), v, "static_threshold must be > 0");
        if (Sampler == SamplerName.Plms && DdimEta != 0) throw new ArgumentException("plms requires ddim_eta = 0", nameof(DdimEta));
        return this;
    }

    /// <summary>
    /// Deforum's per-run substitutions: plms becomes klms whenever an init is used or the run is an animation
    /// (PLMS has no img2img path); η is forced to 0 for every sampler but ddim.
    /// </summary>
    public SamplerSettings ForRun(bool useInit, bool isAnimation)
    {
        var sampler = Sampler == SamplerName.Plms && (useInit || isAnimation) ? SamplerName.Klms : Sampler;
        return this with { Sampler = sampler, DdimEta = sampler == SamplerName.Ddim ? DdimEta : 0 };
    }
}
