namespace Deforum.Sampling.CompVis;

/// <summary>How DDIM picks its timesteps from the DDPM's.</summary>
public enum DdimDiscretization
{
    /// <summary>CompVis "uniform": c = T / S (integer), τ = 0, c, 2c, … &lt; T, each + 1 (may give more than S steps).</summary>
    Uniform,

    /// <summary>Deforum 0.4–0.6 "fill": τ = ⌊linspace(0, T−1, S+1)⌋, not shifted; decode uses the first S.</summary>
    Fill,
}

public static class DdimScheduleKinds
{
    public static DdimDiscretization Parse(string name) => name switch
    {
        "uniform" => DdimDiscretization.Uniform,
        "fill" => DdimDiscretization.Fill,
        _ => throw new ArgumentException($"unknown DDIM discretisation '{name}'; valid: uniform, fill", nameof(name)),
    };
}

/// <summary>
/// The DDIM sampling tables: ᾱ at the chosen timesteps, the previous ᾱ, σ(η) and √(1−ᾱ), as float32 values.
/// Port of CompVis ldm/models/diffusion/ddim.py::make_schedule (+ Deforum v0.4's "fill") and util.py::make_ddim_sampling_parameters.
/// </summary>
public sealed class DdimSchedule
{
    public required int[] Timesteps { get; init; }
    public required float[] Alphas { get; init; }
    public required float[] AlphasPrev { get; init; }
    public required float[] Sigmas { get; init; }
    public required float[] SqrtOneMinusAlphas { get; init; }
    public double Eta { get; init; }

    public int Length => Timesteps.Length;

    public static DdimSchedule Create(DdpmSchedule ddpm, int steps, double eta, DdimDiscretization discretization)
    {
        if (steps < 1 || steps > ddpm.Timesteps)
            throw new ArgumentOutOfRangeException(nameof(steps), steps, $"DDIM steps must be between 1 and {ddpm.Timesteps}");
        if (!(eta >= 0)) throw new ArgumentOutOfRangeException(nameof(eta), eta, "DDIM η must be ≥ 0");
        var timesteps = discretization == DdimDiscretization.Uniform ? UniformTimesteps(ddpm.Timesteps, steps) : FillTimesteps(ddpm.Timesteps, steps);
        var ac = ddpm.AlphasCumprod;
        var alphas = timesteps.Select(t => ac[t]).ToArray();
        var alphasPrev = timesteps.Select((_, k) => k == 0 ? ac[0] : ac[timesteps[k - 1]]).ToArray();
        return new DdimSchedule
        {
            Timesteps = timesteps,
            Alphas = alphas,
            AlphasPrev = alphasPrev,
            // float64 from the float32 ᾱ values, then float32 (as torch.full takes them).
            Sigmas = alphas.Select((a, k) => (float)(eta * Math.Sqrt((1 - (double)alphasPrev[k]) / (1 - (double)a) * (1 - (double)a / alphasPrev[k])))).ToArray(),
            SqrtOneMinusAlphas = alphas.Select(a => MathF.Sqrt(1f - a)).ToArray(),
            Eta = eta,
        };
    }

    internal static int[] UniformTimesteps(int total, int steps)
    {
        int c = total / steps;
        return Enumerable.Range(0, (total + c - 1) / c).Select(k => k * c + 1).ToArray();
    }

    // numpy.linspace(0, T−1, S+1): k·((T−1)/S) in float64, the last entry exactly T−1, then truncated.
    static int[] FillTimesteps(int total, int steps)
    {
        double step = (total - 1.0) / steps;
        return Enumerable.Range(0, steps + 1).Select(k => k == steps ? total - 1 : (int)(k * step)).ToArray();
    }
}
