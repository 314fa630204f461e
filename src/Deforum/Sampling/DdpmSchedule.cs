using Deforum.Torch;

namespace Deforum.Sampling;


/// <summary>
/// The DDPM noise schedule of Stable Diffusion 1.x/2.x: the float32 buffers LatentDiffusion registers.
/// Port of CompVis ldm/models/diffusion/ddpm.py::register_schedule (linear beta schedule, v_posterior = 0).
/// </summary>
public sealed class DdpmSchedule
{
    public const int DefaultTimesteps = 1000;
    public const double DefaultLinearStart = 0.00085;
    public const double DefaultLinearEnd = 0.012;

    readonly Dictionary<string, float[]> _buffers;

    /// <summary>ᾱ_t as the float32 buffer the samplers read.</summary>
    public float[] AlphasCumprod => _buffers["alphas_cumprod"];

    public float[] SqrtAlphasCumprod => _buffers["sqrt_alphas_cumprod"];

    public float[] SqrtOneMinusAlphasCumprod => _buffers["sqrt_one_minus_alphas_cumprod"];

    public int Timesteps => AlphasCumprod.Length;

    /// <summary>True when the buffers carry float16 values, as after the original's model.half() (half_precision).</summary>
    public bool Float16Buffers { get; }

    /// <summary>Every buffer by its LatentDiffusion name (betas, alphas_cumprod, posterior_variance, ...).</summary>
    public IReadOnlyDictionary<string, float[]> Buffers => _buffers;

    DdpmSchedule(Dictionary<string, float[]> buffers, bool float16Buffers = false)
    {
        _buffers = buffers;
        Float16Buffers = float16Buffers;
    }

    /// <summary>
    /// The buffers rounded to float16, as converting the model to half precision converts them (algorithms.md §7.2,
    /// quirk 19): every σ and DDIM table derived from this schedule inherits the rounding.
    /// </summary>
    public DdpmSchedule ToFloat16() => new(
        _buffers.ToDictionary(p => p.Key, p => p.Value.Select(v => (float)(Half)v).ToArray(), StringComparer.Ordinal), float16Buffers: true);

    /// <summary>
    /// The "linear" LDM schedule: betas = linspace(√start, √end, T, float64)², everything derived in float64 and
    /// stored as float32, as the checkpoint's buffers are.
    /// </summary>
    public static DdpmSchedule Linear(int timesteps = DefaultTimesteps, double linearStart = DefaultLinearStart, double linearEnd = DefaultLinearEnd)
    {
        if (timesteps < 2) throw new ArgumentOutOfRangeException(nameof(timesteps), timesteps, "a DDPM schedule needs at least 2 timesteps");
        double[] betas;
        using (var scope = DisposeScope.Begin())
            // torch.linspace in float64 (its halfway-split formula), then squared, exactly as make_beta_schedule.
            betas = Tensor.Linspace(Math.Sqrt(linearStart), Math.Sqrt(linearEnd), timesteps, DType.Float64).Square().ToArray<double>();

        int n = betas.Length;
        var alphas = betas.Select(b => 1.0 - b).ToArray();
        var ac = new double[n];
        double prod = 1;
        for (int i = 0; i < n; i++) ac[i] = prod *= alphas[i];
        var acPrev = new double[n];
        acPrev[0] = 1;
        Array.Copy(ac, 0, acPrev, 1, n - 1);

        float[] Map(Func<int, double> f) => Enumerable.Range(0, n).Select(i => (float)f(i)).ToArray();
        var posteriorVariance = Enumerable.Range(0, n).Select(i => betas[i] * (1 - acPrev[i]) / (1 - ac[i])).ToArray();
        return new DdpmSchedule(new Dictionary<string, float[]>(StringComparer.Ordinal)
        {
            ["betas"] = Map(i => betas[i]),
            ["alphas_cumprod"] = Map(i => ac[i]),
            ["alphas_cumprod_prev"] = Map(i => acPrev[i]),
            ["sqrt_alphas_cumprod"] = Map(i => Math.Sqrt(ac[i])),
            ["sqrt_one_minus_alphas_cumprod"] = Map(i => Math.Sqrt(1 - ac[i])),
            ["log_one_minus_alphas_cumprod"] = Map(i => Math.Log(1 - ac[i])),
            ["sqrt_recip_alphas_cumprod"] = Map(i => Math.Sqrt(1 / ac[i])),
            ["sqrt_recipm1_alphas_cumprod"] = Map(i => Math.Sqrt(1 / ac[i] - 1)),
            ["posterior_variance"] = Map(i => posteriorVariance[i]),
            // Clipped because the variance is 0 at t = 0.
            ["posterior_log_variance_clipped"] = Map(i => Math.Log(Math.Max(posteriorVariance[i], 1e-20))),
            ["posterior_mean_coef1"] = Map(i => betas[i] * Math.Sqrt(acPrev[i]) / (1 - ac[i])),
            ["posterior_mean_coef2"] = Map(i => (1 - acPrev[i]) * Math.Sqrt(alphas[i]) / (1 - ac[i])),
        });
    }
}
