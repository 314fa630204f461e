using Deforum.Sampling.KDiffusion;

namespace Deforum.Sampling;

/// <summary>The samplers a user picks by name (Deforum's `sampler` setting).</summary>
public enum SamplerName
{
    Klms,
    Dpm2,
    Dpm2Ancestral,
    Heun,
    Euler,
    EulerAncestral,
    Plms,
    Ddim,
    DpmFast,
    DpmAdaptive,
    DpmPlusPlus2M,
    DpmPlusPlus2SAncestral,
}

public static class SamplerNames
{
    static readonly Dictionary<string, SamplerName> ByName = new(StringComparer.Ordinal)
    {
        ["klms"] = SamplerName.Klms,
        ["dpm2"] = SamplerName.Dpm2,
        ["dpm2_ancestral"] = SamplerName.Dpm2Ancestral,
        ["heun"] = SamplerName.Heun,
        ["euler"] = SamplerName.Euler,
        ["euler_ancestral"] = SamplerName.EulerAncestral,
        ["plms"] = SamplerName.Plms,
        ["ddim"] = SamplerName.Ddim,
        ["dpm_fast"] = SamplerName.DpmFast,
        ["dpm_adaptive"] = SamplerName.DpmAdaptive,
        ["dpmpp_2s_a"] = SamplerName.DpmPlusPlus2SAncestral,
        ["dpmpp_2m"] = SamplerName.DpmPlusPlus2M,
    };

    /// <summary>The names Deforum's settings use, in its own order.</summary>
    public static IReadOnlyCollection<string> Valid => ByName.Keys;

    /// <summary>Parses a settings name exactly as Deforum spells it (lower case); an unknown name lists the valid ones.</summary>
    public static SamplerName Parse(string name) =>
        ByName.TryGetValue(name, out var s)
            ? s
            : throw new ArgumentException($"unknown sampler '{name}'; valid samplers: {string.Join(", ", Valid)}", nameof(name));

    public static string SettingsName(this SamplerName sampler) => ByName.First(p => p.Value == sampler).Key;

    /// <summary>True for the samplers that run on the k-diffusion σ schedule.</summary>
    public static bool IsKDiffusion(this SamplerName sampler) => sampler is not (SamplerName.Plms or SamplerName.Ddim);

    /// <summary>
    /// UNet evaluations (each batched over uncond and cond) per reported step; PLMS adds one on its first step. The
    /// DPM-Solver samplers report fewer steps than σ: dpm_fast's steps take 3 (its last one or two 2 or 1, n in all),
    /// every dpm_adaptive attempt 3 (kept or not).
    /// </summary>
    public static int ModelCallsPerStep(this SamplerName sampler) => sampler switch
    {
        SamplerName.Heun or SamplerName.Dpm2 or SamplerName.Dpm2Ancestral or SamplerName.DpmPlusPlus2SAncestral => 2,
        SamplerName.DpmFast or SamplerName.DpmAdaptive => 3,
        _ => 1,
    };

    /// <summary>The k-diffusion sampling.py function a name maps to (sample_lms for klms, …).</summary>
    public static string KDiffusionFunction(this SamplerName sampler) => sampler switch
    {
        SamplerName.Klms => "sample_lms",
        SamplerName.Dpm2 => "sample_dpm_2",
        SamplerName.Dpm2Ancestral => "sample_dpm_2_ancestral",
        SamplerName.Heun => "sample_heun",
        SamplerName.Euler => "sample_euler",
        SamplerName.EulerAncestral => "sample_euler_ancestral",
        SamplerName.DpmFast => "sample_dpm_fast",
        SamplerName.DpmAdaptive => "sample_dpm_adaptive",
        SamplerName.DpmPlusPlus2M => "sample_dpmpp_2m",
        SamplerName.DpmPlusPlus2SAncestral => "sample_dpmpp_2s_ancestral",
        _ => throw new ArgumentException($"'{sampler.SettingsName()}' is a CompVis sampler, not a k-diffusion one", nameof(sampler)),
    };

    /// <summary>The k-diffusion sampler function behind a name.</summary>
    public static KSampler KSampler(this SamplerName sampler) => sampler switch
    {
        SamplerName.Klms => KSamplers.Lms,
        SamplerName.Dpm2 => KSamplers.Dpm2,
        SamplerName.Dpm2Ancestral => KSamplers.Dpm2Ancestral,
        SamplerName.Heun => KSamplers.Heun,
        SamplerName.Euler => KSamplers.Euler,
        SamplerName.EulerAncestral => KSamplers.EulerAncestral,
        SamplerName.DpmFast => KSamplers.DpmFast,
        SamplerName.DpmAdaptive => KSamplers.DpmAdaptive,
        SamplerName.DpmPlusPlus2M => KSamplers.DpmPlusPlus2M,
        SamplerName.DpmPlusPlus2SAncestral => KSamplers.DpmPlusPlus2SAncestral,
        _ => throw new ArgumentException($"'{sampler.SettingsName()}' is a CompVis sampler, not a k-diffusion one", nameof(sampler)),
    };
}
