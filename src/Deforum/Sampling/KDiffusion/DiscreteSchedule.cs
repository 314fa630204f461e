using Deforum.Torch;

namespace Deforum.Sampling.KDiffusion;


/// <summary>
/// The σ table of a discrete-time DDPM and the maps between σ and the (fractional) UNet timestep.
/// Port of k-diffusion external.py::DiscreteSchedule (v0.0.12 and 2022-08-21; quantize = False).
/// All arithmetic is float32, as the reference's tensors are.
/// </summary>
public sealed class DiscreteSchedule
{
    readonly float[] _sigmas;
    readonly float[] _logSigmas;

    public KDiffusionVersion Version { get; }

    /// <summary>σ_t = √((1 − ᾱ_t)/ᾱ_t), ascending in t.</summary>
    public IReadOnlyList<float> Sigmas => _sigmas;

    public IReadOnlyList<float> LogSigmas => _logSigmas;

    public float SigmaMin => _sigmas[0];

    public float SigmaMax => _sigmas[^1];

    /// <param name="float16Table">
    /// Build the table as the original does from a float16 ᾱ buffer: every operation rounded to float16. Only the
    /// tables are half; interpolation and σ→t run in float32, where torch promotes the mixed operands.
    /// </param>
    public DiscreteSchedule(IReadOnlyList<float> alphasCumprod, KDiffusionVersion version = KDiffusionVersion.V0012, bool float16Table = false)
    {
        if (alphasCumprod.Count < 2) throw new ArgumentException("the σ table needs at least two timesteps", nameof(alphasCumprod));
        Version = version;
        Func<float, float> round = float16Table ? v => (float)(Half)v : v => v;
        _sigmas = alphasCumprod.Select(a => round(MathF.Sqrt(round(round(1f - a) / a)))).ToArray();
        _logSigmas = _sigmas.Select(s => round(MathF.Log(s))).ToArray();
    }

    public DiscreteSchedule(DdpmSchedule ddpm, KDiffusionVersion version = KDiffusionVersion.V0012)
        : this(ddpm.AlphasCumprod, version, ddpm.Float16Buffers) { }

    /// <summary>get_sigmas(n): σ at t = linspace(T−1, 0, n), then a final 0 (n + 1 values, descending).</summary>
    public float[] GetSigmas(int n)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "steps must be at least 1");
        float[] t;
        using (var scope = DisposeScope.Begin())
            t = Tensor.Linspace(_sigmas.Length - 1, 0, n).ToArray<float>();  // torch's own float32 linspace values
        return [.. t.Select(TToSigma), 0f];
    }

    /// <summary>σ at a fractional timestep, interpolating the table (in log σ for v0.0.12, in σ for 2022-08).</summary>
    public float TToSigma(float t)
    {
        int low = (int)MathF.Floor(t), high = (int)MathF.Ceiling(t);
        float w = t - MathF.Truncate(t);
        return Version == KDiffusionVersion.V0012
            ? MathF.Exp((1 - w) * _logSigmas[low] + w * _logSigmas[high])
            : (1 - w) * _sigmas[low] + w * _sigmas[high];
    }

    /// <summary>The fractional UNet timestep for σ: the inverse of <see cref="TToSigma"/> between bracketing table entries.</summary>
    public float SigmaToT(float sigma)
    {
        var (low, high, w) = Version == KDiffusionVersion.V0012 ? BracketLog(sigma) : BracketNearest(sigma);
        return (1 - w) * low + w * high;
    }

    // v0.0.12: low = the last index whose log σ ≤ log sigma (at most T−2), w from the log-σ distance.
    (int Low, int High, float W) BracketLog(float sigma)
    {
        float logSigma = MathF.Log(sigma);
        int low = 0;
        for (int i = 0; i < _logSigmas.Length; i++)
            if (logSigma - _logSigmas[i] >= 0) low = i;
        low = Math.Min(low, _logSigmas.Length - 2);
        float lo = _logSigmas[low], hi = _logSigmas[low + 1];
        return (low, low + 1, Math.Clamp((lo - logSigma) / (lo - hi), 0f, 1f));
    }

    // 2022-08: the two table entries nearest to σ (topk of |σ − table|), in index order, w linear in σ.
    (int Low, int High, float W) BracketNearest(float sigma)
    {
        int first = -1, second = -1;
        for (int i = 0; i < _sigmas.Length; i++)
        {
            float d = MathF.Abs(sigma - _sigmas[i]);
            if (first < 0 || d < MathF.Abs(sigma - _sigmas[first])) { second = first; first = i; }
            else if (second < 0 || d < MathF.Abs(sigma - _sigmas[second])) second = i;
        }
        int low = Math.Min(first, second), high = Math.Max(first, second);
        float lo = _sigmas[low], hi = _sigmas[high];
        return (low, high, Math.Clamp((sigma - lo) / (hi - lo), 0f, 1f));
    }
}
