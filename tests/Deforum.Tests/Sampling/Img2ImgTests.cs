using Deforum.Sampling;
using Deforum.Sampling.KDiffusion;
using Deforum.Testing;
using Deforum.Torch;
using Xunit;

namespace Deforum.Tests.Sampling;

/// <summary>Deforum 0.4 img2img on the k-samplers without the UNet or VAE (their recorded outputs stand in).</summary>
public class Img2ImgTests
{
    public static IEnumerable<object[]> Cases => Golden.Cases("img2img_kdiffusion");

    public static IEnumerable<object[]> SingleEvaluationCases => CaseFile.Where(Cases, c => CaseFile.KSamplerOf(c).ModelCallsPerStep() == 1);

    /// <summary>The latent scale of SD 1.x (algorithms.md §7.1); the VAE owns it, the test re-states the posterior sample.</summary>
    const float LatentScale = 0.18215f;

    static SamplerSettings SettingsOf(CaseFile c) => new() { Sampler = c.KSampler, Steps = c.Int("steps"), KDiffusion = c.KDiffusionVersion };

    [SkippableTheory, Trait("Category", "Parity")]
    [MemberData(nameof(Cases))]
    public void Strength_gives_t_enc_and_the_last_sigmas(string id)
    {
        using var c = new CaseFile(id);
        int tEnc = Img2Img.TEnc(c.Double("strength"), c.Int("steps"));
        Assert.Equal(c.Int("t_enc"), tEnc);
        var sigmas = Img2Img.TruncateSigmas(new DiscreteSchedule(DdpmSchedule.Linear(), c.KDiffusionVersion).GetSigmas(c.Int("steps")), tEnc);
        GoldenAssert.Close(sigmas, c.Read("sigmas"), c.Tolerance("step.sigma"), $"{id} sigmas");
        GoldenAssert.Close(sigmas.SkipLast(1).ToArray(), c.Read("step.sigma"), c.Tolerance("step.sigma"), $"{id} step.sigma");
    }

    /// <summary>Seeded: posterior draw (the VAE's), mask pre-draw, start noise, then the sampler's draws — all bit-exact.</summary>
    [SkippableTheory, Trait("Category", "Parity")]
    [MemberData(nameof(Cases))]
    public void Seeded_generation_draws_in_the_original_order(string id)
    {
        using var c = new CaseFile(id);
        using var scope = DisposeScope.Begin();
        using var generator = new Generator(unchecked((ulong)c.Seed));
        var noise = new RecordingNoise(new GeneratorNoise(generator));
        var posterior = noise.Randn(c.Shape("posterior_noise"), Device.Cpu);
        Assert.Equal(c.Read("posterior_noise"), posterior.ToArray<float>());
        var initLatent = c.Load("posterior_mean").Add(c.Load("posterior_std").Mul(posterior)).Mul(LatentScale);
        GoldenAssert.Close(initLatent, c.Read("init_latent"), c.Tolerance("init_latent"), $"{id} init_latent");

        var schedule = new DiscreteSchedule(DdpmSchedule.Linear(), c.KDiffusionVersion);
        var starts = new List<float[]>();
        Generation.SampleKDiffusion(new ReplayDenoiser(c), schedule, SettingsOf(c), c.Shape("sampler_noise"), c.Double("strength"),
            new InitLatent(c.Load("init_latent")), noise, s => starts.Add(s.X.ToArray<float>()));
        noise.AssertMatches(c);
        GoldenAssert.Close(starts[0], c.Read("x_start"), c.Tolerance("x_start"), $"{id} x_start");
    }

    [SkippableTheory, Trait("Category", "Parity")]
    [MemberData(nameof(SingleEvaluationCases))]
    public void Replayed_denoiser_and_noise_reproduce_every_step(string id)
    {
        using var c = new CaseFile(id);
        using var scope = DisposeScope.Begin();
        var noise = new ReplayNoise(c) { Next = 1 };  // draw 0 is the VAE posterior's
        var steps = new List<float[]>();
        var latent = Generation.SampleKDiffusion(new ReplayDenoiser(c), new DiscreteSchedule(DdpmSchedule.Linear(), c.KDiffusionVersion),
            SettingsOf(c), c.Shape("sampler_noise"), c.Double("strength"), new InitLatent(c.Load("init_latent")), noise,
            s => steps.Add(s.X.ToArray<float>()));
        Assert.Equal(c.RngCalls.Count, noise.Next);
        GoldenAssert.Close(steps.SelectMany(s => s).ToArray(), c.Read("step.x"), c.Tolerance("step.x"), $"{id} step.x");
        GoldenAssert.Close(latent, c.Read("latent"), c.Tolerance("latent"), $"{id} latent");
    }

    [Theory]
    [InlineData(0.9, 10, 0)]    // 1 − 0.9 is slightly below 0.1 in double
    [InlineData(0.65, 50, 17)]
    [InlineData(0.7, 10, 3)]
    [InlineData(0.0, 10, 10)]
    [InlineData(1.0, 10, 0)]
    public void T_enc_truncates_in_double_precision(double strength, int steps, int expected) =>
        Assert.Equal(expected, Img2Img.TEnc(strength, steps));

    /// <summary>The σ list is [0]: no step runs (dpm_fast and dpm_adaptive too, where the original raises on σ_min = 0).</summary>
    [Theory]
    [InlineData(SamplerName.Euler)]
    [InlineData(SamplerName.DpmFast)]
    [InlineData(SamplerName.DpmAdaptive)]
    public void Strength_one_returns_the_init_latent_unchanged(SamplerName sampler)
    {
        using var scope = DisposeScope.Begin();
        using var g = new Generator(3);
        var init = Tensor.Randn([1, 4, 4, 4], g);
        var schedule = new DiscreteSchedule(DdpmSchedule.Linear());
        var result = Generation.SampleKDiffusion(new ReplayFreeDenoiser(), schedule, new SamplerSettings { Sampler = sampler, Steps = 10 },
            [1, 4, 4, 4], 1.0, new InitLatent(init), new GeneratorNoise(g));
        Assert.Equal(init.ToArray<float>(), result.ToArray<float>());
    }

    /// <summary>
    /// Deforum's glue gives dpm_fast n = steps whatever the strength: 9 calls between the shortened list's first σ and
    /// σ_min, in ⌊9/3⌋ + 1 = 4 steps, not the 4 calls of t_enc.
    /// </summary>
    [Fact]
    public void Dpm_fast_spends_the_full_step_count_on_an_img2img_range()
    {
        using var scope = DisposeScope.Begin();
        using var g = new Generator(4);
        var schedule = new DiscreteSchedule(DdpmSchedule.Linear());
        var sigmas = Img2Img.TruncateSigmas(schedule.GetSigmas(9), Img2Img.TEnc(0.5, 9));
        Assert.Equal(5, sigmas.Length);  // t_enc = 4
        var model = new RecordingDenoiser();
        var reported = new List<float>();
        Generation.SampleKDiffusion(model, schedule, new SamplerSettings { Sampler = SamplerName.DpmFast, Steps = 9 },
            [1, 4, 4, 4], 0.5, new InitLatent(Tensor.Randn([1, 4, 4, 4], g)), new GeneratorNoise(g), s => reported.Add(s.Sigma));
        Assert.Equal(9, model.Sigmas.Count);
        Assert.Equal(4, reported.Count);
        Assert.Equal(sigmas[0], reported[0], sigmas[0] * SigmaRoundTrip);
        Assert.All(model.Sigmas, s => Assert.InRange(s, sigmas[^2], sigmas[0] * (1 + SigmaRoundTrip)));
    }

    /// <summary>σ → t = −log σ → e^(−t) in double, back to float32: at most an ulp.</summary>
    const float SigmaRoundTrip = 1e-6f;

    sealed class RecordingDenoiser : IDenoiser
    {
        public List<float> Sigmas { get; } = [];

        public Tensor Denoise(Tensor x, float sigma)
        {
            Sigmas.Add(sigma);
            return x.Mul(0.5);
        }
    }

    [Theory]
    [InlineData(0.65, false, true, 0.0)]   // frame 0 of an animation: no init, so txt2img
    [InlineData(0.65, true, true, 0.65)]
    [InlineData(0.65, false, false, 0.65)]
    [InlineData(0.0, false, true, 0.0)]
    public void Strength_0_no_init_forces_full_denoising_without_an_init(double strength, bool useInit, bool rule, double expected) =>
        Assert.Equal(expected, Img2Img.EffectiveStrength(strength, useInit, rule));

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    [InlineData(double.NaN)]
    public void Strength_outside_0_1_is_rejected(double strength) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Img2Img.TEnc(strength, 10));

    sealed class ReplayFreeDenoiser : IDenoiser
    {
        public Tensor Denoise(Tensor x, float sigma) => throw new InvalidOperationException("no step should run at strength 1");
    }
}
