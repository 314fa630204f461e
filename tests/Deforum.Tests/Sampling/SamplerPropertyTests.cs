using Deforum.Sampling;
using Deforum.Sampling.KDiffusion;
using Deforum.Torch;
using Xunit;

namespace Deforum.Tests.Sampling;

/// <summary>
/// Samplers without golden data (Karras σ, DPM++ 2M, DPM++ 2S ancestral, DPM-Solver fast and adaptive) against
/// hand-derived properties, and bad input.
/// </summary>
public class SamplerPropertyTests
{
    /// <summary>fp32 round-off over a handful of steps.</summary>
    const double Fp32Tolerance = 1e-5;

    /// <summary>Karras endpoints go through pow(·, 1/7) and pow(·, 7) in double, then float32: ~1 ulp of σ_max (14.6) / σ_min (0.03).</summary>
    const float SigmaMaxTolerance = 1e-4f, SigmaMinTolerance = 1e-6f;

    /// <summary>The spec quotes the float16 σ_max to two decimals; half spacing at 14.6 is 0.0078.</summary>
    const float HalfSigmaMaxTolerance = 0.008f;

    /// <summary>x − σ·ε gives back D after cancelling x, which reaches a few σ_max: fp32 round-off of that size.</summary>
    const double DenoisedTolerance = Fp32Tolerance * 15;

    /// <summary>
    /// dpm_fast with n = 50 on the Gaussian-data ODE: 17 steps of h ≈ 0.37 in log σ, third order, so an error ~h⁴ of
    /// |x| (1e-4 of max |x| measured in a double-precision model of the solver); a tenth of a percent of max |x|.
    /// </summary>
    const double FastRelativeTolerance = 1e-3;

    /// <summary>
    /// dpm_adaptive at its defaults keeps a step while the RMS of its error estimate stays under about 1.9 times
    /// rtol = 5 % of |x|: it lands only that close (2.8 % of max |x| measured in a double-precision model of the solver).
    /// </summary>
    const double AdaptiveRelativeTolerance = 0.05;

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

    /// <summary>
    /// D(x, σ) = c: ε = (x − c)/σ is constant along the exact solution x(σ) = c + (x₀ − c)·σ/σ₀, so every DPM-Solver
    /// order is exact; both samplers end at σ_min (not 0), the smallest non-zero σ of the list.
    /// </summary>
    [Theory]
    [InlineData(SamplerName.DpmFast)]
    [InlineData(SamplerName.DpmAdaptive)]
    public void Dpm_solvers_follow_the_exact_ode_solution_to_sigma_min_for_a_constant_denoiser(SamplerName sampler)
    {
        using var scope = DisposeScope.Begin();
        using var g = new Generator(4);
        var c = Tensor.Randn([1, 4, 3, 3], g);
        var sigmas = new DiscreteSchedule(DdpmSchedule.Linear()).GetSigmas(8);
        var x0 = Tensor.Randn([1, 4, 3, 3], g).Mul(sigmas[0]);
        var reported = new List<float>();
        var result = sampler.KSampler()(new ConstantDenoiser(c), x0, sigmas, new SamplingContext(new GeneratorNoise(g), s =>
        {
            reported.Add(s.Sigma);
            AssertClose(c.Add(x0.Sub(c).Mul(s.Sigma / (double)sigmas[0])), s.X, Fp32Tolerance, $"x at σ = {s.Sigma}");
            AssertClose(c, s.Denoised, DenoisedTolerance, $"denoised at σ = {s.Sigma}");
        }));
        Assert.NotEmpty(reported);
        if (sampler == SamplerName.DpmFast) Assert.Equal(sigmas[0], reported[0], sigmas[0] * Fp32Tolerance);
        else Assert.Equal(sigmas[^2], reported[^1], sigmas[^2] * Fp32Tolerance);
        AssertClose(c.Add(x0.Sub(c).Mul(sigmas[^2] / (double)sigmas[0])), result, Fp32Tolerance, "final x");
    }

    /// <summary>σ_min above σ_max runs the ODE backwards (noising), on the same exact solution for D = c.</summary>
    [Fact]
    public void Dpm_solvers_integrate_backwards_when_sigma_min_exceeds_sigma_max()
    {
        using var scope = DisposeScope.Begin();
        using var g = new Generator(5);
        var c = Tensor.Randn([1, 4, 3, 3], g);
        var x0 = Tensor.Randn([1, 4, 3, 3], g);
        var expected = c.Add(x0.Sub(c).Mul(2));
        var context = new SamplingContext(new GeneratorNoise(g));
        AssertClose(expected, KSamplers.DpmFast(new ConstantDenoiser(c), x0, sigmaMin: 2, sigmaMax: 1, n: 7, context), Fp32Tolerance, "dpm_fast");
        AssertClose(expected, KSamplers.DpmAdaptive(new ConstantDenoiser(c), x0, sigmaMin: 2, sigmaMax: 1, context), Fp32Tolerance, "dpm_adaptive");
    }

    /// <summary>
    /// dpm_fast spends exactly n model calls in ⌊n/3⌋ + 1 steps uniform in t = −log σ: a third-order step evaluates at
    /// t, t + h/3, t + 2h/3, a second-order one at t, t + h/2, a first-order one at t; each step reports after its
    /// first call and draws one unused randn_like(x).
    /// </summary>
    [Theory]
    [InlineData(1, new[] { 1 })]
    [InlineData(2, new[] { 2 })]
    [InlineData(3, new[] { 2, 1 })]
    [InlineData(6, new[] { 3, 2, 1 })]
    [InlineData(7, new[] { 3, 3, 1 })]
    [InlineData(8, new[] { 3, 3, 2 })]
    public void Dpm_fast_spends_exactly_n_calls_over_floor_n_over_3_plus_1_steps(int n, int[] orders)
    {
        Assert.Equal(orders, KSamplers.DpmFastOrders(n));
        using var scope = DisposeScope.Begin();
        using var g = new Generator(6);
        var model = new SigmaRecorder(Tensor.Randn([1, 4, 2, 2], g));
        var noise = new RecordingNoise(new GeneratorNoise(g));
        var schedule = new DiscreteSchedule(DdpmSchedule.Linear());
        var callsAtReport = new List<int>();
        var reported = new List<float>();
        KSamplers.DpmFast(model, Tensor.Randn([1, 4, 2, 2], g), schedule.SigmaMin, schedule.SigmaMax, n, new SamplingContext(noise, s =>
        {
            callsAtReport.Add(model.Sigmas.Count);
            reported.Add(s.Sigma);
        }));

        double tStart = -Math.Log(schedule.SigmaMax), h = (Math.Log(schedule.SigmaMax) - Math.Log(schedule.SigmaMin)) / orders.Length;
        var expected = new List<double>();
        for (int i = 0; i < orders.Length; i++)
        {
            double t = tStart + i * h;
            Assert.Equal(expected.Count + 1, callsAtReport[i]);
            Assert.Equal(Math.Exp(-t), reported[i], Math.Exp(-t) * Fp32Tolerance);
            expected.Add(Math.Exp(-t));
            if (orders[i] == 2) expected.Add(Math.Exp(-(t + h / 2)));
            if (orders[i] == 3) expected.AddRange([Math.Exp(-(t + h / 3)), Math.Exp(-(t + 2 * h / 3))]);
        }
        Assert.Equal(n, model.Sigmas.Count);
        Assert.Equal(expected.Count, model.Sigmas.Count);
        for (int k = 0; k < n; k++) Assert.Equal(expected[k], model.Sigmas[k], expected[k] * Fp32Tolerance);
        Assert.Equal(orders.Length, noise.Draws.Count);
        Assert.All(noise.Draws, d => Assert.True(d.Like));
    }

    /// <summary>D(x, σ) = x/(1 + σ²), exact for unit Gaussian data, and the exact solution of its ODE, x(σ) = x₀·√((1 + σ²)/(1 + σ₀²)).</summary>
    sealed class GaussianDataDenoiser : IDenoiser
    {
        public int Calls { get; private set; }

        public Tensor Denoise(Tensor x, float sigma)
        {
            Calls++;
            return x.Div(1 + (double)sigma * sigma);
        }

        public static Tensor Exact(Tensor x0, double sigma0, double sigma) => x0.Mul(Math.Sqrt((1 + sigma * sigma) / (1 + sigma0 * sigma0)));
    }

    /// <summary>
    /// Both solvers approximate the same ODE: dpm_fast with many calls closely, dpm_adaptive to its tolerance, in a
    /// few attempts of 3 calls each that end exactly at σ_min with σ falling.
    /// </summary>
    [Fact]
    public void Dpm_adaptive_ends_at_sigma_min_near_dpm_fast_and_the_exact_solution()
    {
        using var scope = DisposeScope.Begin();
        using var g = new Generator(7);
        var sigmas = new DiscreteSchedule(DdpmSchedule.Linear()).GetSigmas(50);
        var x0 = Tensor.Randn([1, 4, 4, 4], g).Mul(sigmas[0]);
        var exact = GaussianDataDenoiser.Exact(x0, sigmas[0], sigmas[^2]);
        double scale = exact.Abs().Max().Item();

        var fast = KSamplers.DpmFast(new GaussianDataDenoiser(), x0, sigmas, new SamplingContext(new GeneratorNoise(g)));
        var model = new GaussianDataDenoiser();
        var reported = new List<float>();
        var adaptive = KSamplers.DpmAdaptive(model, x0, sigmas, new SamplingContext(new GeneratorNoise(g), s => reported.Add(s.Sigma)));

        AssertClose(exact, fast, FastRelativeTolerance * scale, "dpm_fast against the exact solution", absolute: true);
        AssertClose(exact, adaptive, AdaptiveRelativeTolerance * scale, "dpm_adaptive against the exact solution", absolute: true);
        AssertClose(fast, adaptive, AdaptiveRelativeTolerance * scale, "dpm_adaptive against dpm_fast", absolute: true);
        Assert.Equal(sigmas[^2], reported[^1], sigmas[^2] * Fp32Tolerance);
        for (int i = 1; i < reported.Count; i++) Assert.True(reported[i] <= reported[i - 1], $"σ rose at attempt {i}");
        Assert.Equal(3 * reported.Count, model.Calls);
    }

    /// <summary>
    /// A first step over the whole range fails the error test: that attempt is reported with x and σ unchanged, and
    /// the controller shrinks h until steps are kept; only kept steps draw (randn_like times 0) and move σ.
    /// </summary>
    [Fact]
    public void Dpm_adaptive_reports_rejected_attempts_unchanged_and_draws_only_for_kept_ones()
    {
        using var scope = DisposeScope.Begin();
        using var g = new Generator(8);
        var schedule = new DiscreteSchedule(DdpmSchedule.Linear());
        var x0 = Tensor.Randn([1, 4, 4, 4], g).Mul(schedule.SigmaMax);
        var start = x0.ToArray<float>();
        var noise = new RecordingNoise(new GeneratorNoise(g));
        var steps = new List<(int Step, float Sigma, float[] X)>();
        KSamplers.DpmAdaptive(new GaussianDataDenoiser(), x0, schedule.SigmaMin, schedule.SigmaMax,
            new SamplingContext(noise, s => steps.Add((s.Step, s.Sigma, s.X.ToArray<float>()))), new DpmAdaptiveOptions(InitialStep: 10));

        Assert.Equal(Enumerable.Range(0, steps.Count), steps.Select(s => s.Step));
        Assert.Equal(schedule.SigmaMax, steps[0].Sigma, schedule.SigmaMax * Fp32Tolerance);
        Assert.Equal(start, steps[0].X);
        int kept = Enumerable.Range(1, steps.Count - 1).Count(i => steps[i].Sigma != steps[i - 1].Sigma);
        Assert.InRange(kept, 1, steps.Count - 1);
        Assert.Equal(kept, noise.Draws.Count);
        Assert.Equal(schedule.SigmaMin, steps[^1].Sigma, schedule.SigmaMin * Fp32Tolerance);
    }

    /// <summary>
    /// σ lists the DPM-Solver samplers cannot span: [0] (strength 1, where the original raises) leaves x unchanged
    /// without a call; [σ₀, 0] makes σ_min = σ_max, a zero-length range that leaves x unchanged (the original's
    /// third-order step divides 0 by 0 there) while dpm_fast still makes its calls and reports.
    /// </summary>
    [Theory]
    [InlineData(SamplerName.DpmFast)]
    [InlineData(SamplerName.DpmAdaptive)]
    public void Dpm_solvers_leave_x_unchanged_without_a_sigma_range(SamplerName sampler)
    {
        using var scope = DisposeScope.Begin();
        using var g = new Generator(9);
        var x0 = Tensor.Randn([1, 4, 2, 2], g);
        var start = x0.ToArray<float>();
        var model = new GaussianDataDenoiser();
        int reports = 0;
        var context = new SamplingContext(new GeneratorNoise(g), _ => reports++);
        Assert.Equal(start, sampler.KSampler()(model, x0, [0f], context).ToArray<float>());
        Assert.Equal((0, 0), (model.Calls, reports));

        Assert.Equal(start, sampler.KSampler()(model, x0, [3f, 0f], context).ToArray<float>());
        Assert.Equal(sampler == SamplerName.DpmFast ? (1, 1) : (0, 0), (model.Calls, reports));
        if (sampler == SamplerName.DpmFast)
            Assert.Equal(start, KSamplers.DpmFast(model, x0, [3f, 0f], 50, context).ToArray<float>());
    }

    [Fact]
    public void Dpm_solvers_reject_a_zero_sigma_no_calls_or_an_unknown_order()
    {
        using var scope = DisposeScope.Begin();
        using var g = new Generator(10);
        var x = Tensor.Zeros([1, 4, 2, 2]);
        var model = new GaussianDataDenoiser();
        var context = new SamplingContext(new GeneratorNoise(g));
        Assert.Throws<ArgumentOutOfRangeException>(() => KSamplers.DpmFast(model, x, 0, 1, 5, context));
        Assert.Throws<ArgumentOutOfRangeException>(() => KSamplers.DpmFast(model, x, 0.1f, 1, 0, context));
        Assert.Throws<ArgumentOutOfRangeException>(() => KSamplers.DpmAdaptive(model, x, 0.1f, float.NaN, context));
        Assert.Throws<ArgumentOutOfRangeException>(() => KSamplers.DpmAdaptive(model, x, 0.1f, 1, context, new DpmAdaptiveOptions(Order: 4)));
        Assert.Throws<InvalidOperationException>(() => KSamplers.DpmAdaptive(new ConstantDenoiser(Tensor.Full([1, 4, 2, 2], double.NaN)), x, 0.1f, 1, context));
    }

    /// <summary>Element-wise |actual − expected| ≤ tolerance·max(1, |expected|), or ≤ tolerance when <paramref name="absolute"/>.</summary>
    static void AssertClose(Tensor expected, Tensor actual, double tolerance, string what, bool absolute = false)
    {
        var e = expected.ToArray<float>();
        var a = actual.ToArray<float>();
        Assert.Equal(e.Length, a.Length);
        for (int k = 0; k < e.Length; k++)
            Assert.True(Math.Abs(a[k] - e[k]) <= tolerance * (absolute ? 1 : Math.Max(1, Math.Abs(e[k]))), $"{what}, element {k}: {a[k]} vs {e[k]}");
    }

    [Fact]
    public void Unknown_sampler_name_lists_the_valid_ones()
    {
        var e = Assert.Throws<ArgumentException>(() => SamplerNames.Parse("k_euler"));
        foreach (var name in new[] { "klms", "dpm2", "dpm2_ancestral", "heun", "euler", "euler_ancestral", "plms", "ddim", "dpm_fast", "dpm_adaptive", "dpmpp_2s_a", "dpmpp_2m" })
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
