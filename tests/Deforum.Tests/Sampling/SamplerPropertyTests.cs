using Deforum.Sampling;
using Deforum.Sampling.KDiffusion;
using Deforum.Torch;
using Xunit;

namespace Deforum.Tests.Sampling;

/// <summary>Samplers without golden data (Karras σ, DPM++ 2M, DPM++ 2S ancestral) against hand-derived properties, and bad input.</summary>
public class SamplerPropertyTests
{
    /// <summary>fp32 round-off over a handful of steps.</summary>
    const double Fp32Tolerance = 1e-5;

    /// <summary>Karras endpoints go through pow(·, 1/7) and pow(·, 7) in double, then float32: ~1 ulp of σ_max (14.6) / σ_min (0.03).</summary>
    const float SigmaMaxTolerance = 1e-4f, SigmaMinTolerance = 1e-6f;

    /// <summary>The spec quotes the float16 σ_max to two decimals; half spacing at 14.6 is 0.0078.</summary>
    const float HalfSigmaMaxTolerance = 0.008f;

    /// <summary>Quadrature: the 15-point rule is exact for cubics to double round-off; sin over [0, 10] needs a few bisections.</summary>
    const double ExactRuleTolerance = 1e-12, SmoothTolerance = 1e-9, RequestedRelativeTolerance = 1e-10;

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(50)]
    public void Karras_sigmas_run_from_sigma_max_to_sigma_min_then_zero(int n)
    {
        var schedule = new DiscreteSchedule(DdpmSchedule.Linear());
        var s = KarrasSigmas.For(schedule, n);
        Assert.Equal(n + 1, s.Length);
        Assert.Equal(0f, s[^1]);
        Assert.Equal(schedule.SigmaMax, s[0], SigmaMaxTolerance);
        if (n > 1) Assert.Equal(schedule.SigmaMin, s[^2], SigmaMinTolerance);
        for (int i = 1; i < s.Length; i++) Assert.True(s[i] < s[i - 1], $"σ[{i}] = {s[i]} ≥ σ[{i - 1}] = {s[i - 1]}");
    }

    /// <summary>algorithms.md §7.2: σ_min ≈ 0.03125 and σ_max ≈ 14.61 from float16 ᾱ, against 0.029168 / 14.614642 in float32.</summary>
    [Fact]
    public void Float16_alphas_cumprod_shift_the_sigma_range_as_half_precision_did()
    {
        var full = new DiscreteSchedule(DdpmSchedule.Linear());
        var half = new DiscreteSchedule(DdpmSchedule.Linear().ToFloat16());
        Assert.Equal(0.029168f, full.SigmaMin, SigmaMinTolerance);
        Assert.Equal(14.614642f, full.SigmaMax, SigmaMaxTolerance);
        Assert.Equal(0.03125f, half.SigmaMin);
        Assert.Equal(14.61f, half.SigmaMax, HalfSigmaMaxTolerance);
        Assert.All(half.Sigmas, s => Assert.Equal(s, (float)(Half)s));
        Assert.True(DdpmSchedule.Linear().ToFloat16().Float16Buffers);
    }

    [Fact]
    public void Karras_with_rho_one_is_linear_in_sigma()
    {
        var s = KarrasSigmas.Get(5, 1, 5, rho: 1);
        Assert.Equal([5f, 4f, 3f, 2f, 1f, 0f], s.Select(v => MathF.Round(v, 5)).ToArray());
    }

    [Fact]
    public void Karras_rejects_an_empty_or_inverted_range()
    {
        Assert.Throws<ArgumentException>(() => KarrasSigmas.Get(5, 2, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => KarrasSigmas.Get(0, 0.1, 10));
    }

    /// <summary>D(x, σ) = c: the probability-flow ODE is x(σ) = c + (x₀ − c)·σ/σ₀, which DPM++ 2M and Euler follow exactly.</summary>
    sealed class ConstantDenoiser(Tensor c) : IDenoiser
    {
        public Tensor Denoise(Tensor x, float sigma) => c.Clone();
    }

    [Theory]
    [InlineData(SamplerName.DpmPlusPlus2M)]
    [InlineData(SamplerName.Euler)]
    [InlineData(SamplerName.Heun)]
    public void Solvers_follow_the_exact_ode_solution_for_a_constant_denoiser(SamplerName sampler)
    {
        using var scope = DisposeScope.Begin();
        using var g = new Generator(4);
        var c = Tensor.Randn([1, 4, 3, 3], g);
        var sigmas = KarrasSigmas.For(new DiscreteSchedule(DdpmSchedule.Linear()), 8);
        var x0 = Tensor.Randn([1, 4, 3, 3], g).Mul(sigmas[0]);
        var expected = new List<float[]>();
        var got = new List<float[]>();
        var result = sampler.KSampler()(new ConstantDenoiser(c), x0, sigmas, new SamplingContext(new GeneratorNoise(g), s =>
        {
            got.Add(s.X.ToArray<float>());
            expected.Add(c.Add(x0.Sub(c).Mul(s.Sigma / sigmas[0])).ToArray<float>());
        }));
        for (int i = 0; i < got.Count; i++)
            for (int k = 0; k < got[i].Length; k++)
                Assert.True(Math.Abs(got[i][k] - expected[i][k]) <= Fp32Tolerance * Math.Max(1, Math.Abs(expected[i][k])), $"step {i} element {k}");
        var final = result.ToArray<float>();
        var target = c.ToArray<float>();
        for (int k = 0; k < final.Length; k++) Assert.True(Math.Abs(final[k] - target[k]) <= Fp32Tolerance, $"final element {k}");
    }

    /// <summary>Records the σ of every model call and answers a constant, like <see cref="ConstantDenoiser"/>.</summary>
    sealed class SigmaRecorder(Tensor c) : IDenoiser
    {
        public List<float> Sigmas { get; } = [];

        public Tensor Denoise(Tensor x, float sigma)
        {
            Sigmas.Add(sigma);
            return c.Clone();
        }
    }

    /// <summary>
    /// With D = c each step lands exactly on the ODE solution at σ_down, c + (x − c)·σ_down/σ, then adds σ_up of fresh
    /// noise; the solver's second evaluation sits at the log-midpoint √(σ·σ_down), and the last step (σ_down = 0) is a
    /// single Euler evaluation without noise.
    /// </summary>
    [Fact]
    public void Dpmpp_2s_ancestral_steps_to_sigma_down_through_the_log_midpoint_then_adds_noise()
    {
        using var scope = DisposeScope.Begin();
        using var g = new Generator(6);
        var c = Tensor.Randn([1, 4, 3, 3], g);
        var sigmas = new DiscreteSchedule(DdpmSchedule.Linear()).GetSigmas(6);
        var x0 = Tensor.Randn([1, 4, 3, 3], g).Mul(sigmas[0]);
        var model = new SigmaRecorder(c);
        using var drawn = new Generator(7);
        using var replay = new Generator(7);

        var result = KSamplers.DpmPlusPlus2SAncestral(model, x0, sigmas, new SamplingContext(new GeneratorNoise(drawn)));

        var expected = x0;
        var expectedSigmas = new List<float>();
        for (int i = 0; i < sigmas.Length - 1; i++)
        {
            float sigma = sigmas[i], next = sigmas[i + 1];
            float up = MathF.Sqrt(next * next * (sigma * sigma - next * next) / (sigma * sigma)), down = MathF.Sqrt(next * next - up * up);
            expectedSigmas.Add(sigma);
            if (down > 0) expectedSigmas.Add(MathF.Sqrt(sigma * down));
            expected = c.Add(expected.Sub(c).Mul(down / (double)sigma));
            if (next > 0) expected = expected.Add(Tensor.Randn([1, 4, 3, 3], replay).Mul(up));
        }
        Assert.Equal(expectedSigmas.Count, model.Sigmas.Count);
        for (int k = 0; k < expectedSigmas.Count; k++) Assert.Equal(expectedSigmas[k], model.Sigmas[k], expectedSigmas[k] * Fp32Tolerance);
        var got = result.ToArray<float>();
        var want = expected.ToArray<float>();
        for (int k = 0; k < got.Length; k++) Assert.True(Math.Abs(got[k] - want[k]) <= Fp32Tolerance * Math.Max(1, Math.Abs(want[k])), $"element {k}");
        // every draw was used: the next draws of both streams agree
        Assert.Equal(Tensor.Randn([4], replay).ToArray<float>(), Tensor.Randn([4], drawn).ToArray<float>());
    }

    [Fact]
    public void Unknown_sampler_name_lists_the_valid_ones()
    {
        var e = Assert.Throws<ArgumentException>(() => SamplerNames.Parse("k_euler"));
        foreach (var name in new[] { "klms", "dpm2", "dpm2_ancestral", "heun", "euler", "euler_ancestral", "plms", "ddim", "dpmpp_2s_a", "dpmpp_2m" })
            Assert.Contains(name, e.Message);
    }

    [Fact]
    public void Every_name_round_trips()
    {
        foreach (var name in SamplerNames.Valid) Assert.Equal(name, SamplerNames.Parse(name).SettingsName());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Fewer_than_one_step_is_rejected(int steps)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SamplerSettings { Steps = steps }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new DiscreteSchedule(DdpmSchedule.Linear()).GetSigmas(steps));
    }

    [Fact]
    public void Bad_eta_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SamplerSettings { Sampler = SamplerName.Ddim, DdimEta = -0.1 }.Validate());
        Assert.Throws<ArgumentException>(() => new SamplerSettings { Sampler = SamplerName.Plms, DdimEta = 0.5 }.Validate());
    }

    [Theory]
    [InlineData(SamplerName.Plms, true, false, SamplerName.Klms)]
    [InlineData(SamplerName.Plms, false, true, SamplerName.Klms)]
    [InlineData(SamplerName.Plms, false, false, SamplerName.Plms)]
    [InlineData(SamplerName.Ddim, true, true, SamplerName.Ddim)]
    public void Plms_becomes_klms_with_an_init_or_in_animations(SamplerName sampler, bool useInit, bool animation, SamplerName expected) =>
        Assert.Equal(expected, new SamplerSettings { Sampler = sampler }.ForRun(useInit, animation).Sampler);

    [Fact]
    public void Eta_is_kept_only_for_ddim()
    {
        Assert.Equal(0.5, new SamplerSettings { Sampler = SamplerName.Ddim, DdimEta = 0.5 }.ForRun(false, false).DdimEta);
        Assert.Equal(0, new SamplerSettings { Sampler = SamplerName.Euler, DdimEta = 0.5 }.ForRun(false, false).DdimEta);
    }

    [Fact]
    public void Cancellation_stops_before_the_next_step()
    {
        using var scope = DisposeScope.Begin();
        using var g = new Generator(1);
        using var cts = new CancellationTokenSource();
        int steps = 0;
        var sigmas = new DiscreteSchedule(DdpmSchedule.Linear()).GetSigmas(10);
        Assert.Throws<OperationCanceledException>(() => KSamplers.Euler(new ConstantDenoiser(Tensor.Zeros([1, 4, 2, 2])),
            Tensor.Zeros([1, 4, 2, 2]), sigmas, new SamplingContext(new GeneratorNoise(g), s =>
            {
                if (++steps == 3) cts.Cancel();
            }, Cancellation: cts.Token)));
        Assert.Equal(3, steps);
    }

    [Fact]
    public void Gauss_kronrod_integrates_polynomials_exactly_and_smooth_functions_to_tolerance()
    {
        Assert.Equal(0.25 * (Math.Pow(3, 4) - 1), GaussKronrod.Integrate(t => t * t * t, 1, 3, RequestedRelativeTolerance), ExactRuleTolerance);
        Assert.Equal(1 - Math.Cos(10), GaussKronrod.Integrate(Math.Sin, 0, 10, RequestedRelativeTolerance), SmoothTolerance);
        Assert.Equal(-1.0 / 3, GaussKronrod.Integrate(t => t * t, 1, 0, LinearMultistep.QuadRelativeTolerance), ExactRuleTolerance);  // reversed bounds, as σ descends
    }
}
