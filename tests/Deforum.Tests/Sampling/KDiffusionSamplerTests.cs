using Deforum.Sampling;
using Deforum.Sampling.KDiffusion;
using Deforum.Testing;
using Deforum.Torch;
using Xunit;

namespace Deforum.Tests.Sampling;

/// <summary>The k-diffusion txt2img cases without the UNet: σ lists, start noise, draw order and the samplers' arithmetic.</summary>
public class KDiffusionSamplerTests
{
    public static IEnumerable<object[]> Cases => Golden.Cases("sampler_kdiffusion").Concat(Golden.Cases("sampler_kdiffusion_v"));

    /// <summary>The cases whose sampler evaluates the model once per step: a replayed D determines the whole run.</summary>
    public static IEnumerable<object[]> SingleEvaluationCases => CaseFile.Where(Cases, c => CaseFile.KSamplerOf(c).ModelCallsPerStep() == 1);

    [SkippableTheory, Trait("Category", "Parity")]
    [MemberData(nameof(Cases))]
    public void Sigmas_are_the_wrappers_get_sigmas(string id)
    {
        using var c = new CaseFile(id);
        var sigmas = new DiscreteSchedule(DdpmSchedule.Linear(), c.KDiffusionVersion).GetSigmas(c.Int("steps"));
        GoldenAssert.Close(sigmas, c.Read("sigmas"), c.Tolerance("step.sigma"), $"{id} sigmas");
        GoldenAssert.Close(sigmas.SkipLast(1).ToArray(), c.Read("step.sigma"), c.Tolerance("step.sigma"), $"{id} step.sigma");
        GoldenAssert.Close(sigmas.SkipLast(1).ToArray(), c.Read("step.sigma_hat"), c.Tolerance("step.sigma_hat"), $"{id} step.sigma_hat");
    }

    [SkippableTheory, Trait("Category", "Parity")]
    [MemberData(nameof(Cases))]
    public void Start_noise_is_the_first_draw_after_seeding_times_sigma_max(string id)
    {
        using var c = new CaseFile(id);
        using var scope = DisposeScope.Begin();
        using var generator = new Generator(unchecked((ulong)c.Seed));
        var sigmas = c.Read("sigmas");
        var noise = new GeneratorNoise(generator).Randn(c.Shape("noise"), Device.Cpu);
        Assert.Equal(c.Read("noise"), noise.ToArray<float>());
        var start = Img2Img.KDiffusionStart(noise, sigmas[0], null);
        Assert.Equal(c.Read("step.x").AsSpan(0, (int)noise.NumElements).ToArray(), start.ToArray<float>());
    }

    [SkippableTheory, Trait("Category", "Parity")]
    [MemberData(nameof(Cases))]
    public void Sampler_draws_from_the_seeded_generator_in_the_original_order(string id)
    {
        using var c = new CaseFile(id);
        using var scope = DisposeScope.Begin();
        using var generator = new Generator(unchecked((ulong)c.Seed));
        var noise = new RecordingNoise(new GeneratorNoise(generator));
        var sigmas = c.Read("sigmas");
        var x = noise.Randn(c.Shape("noise"), Device.Cpu).Mul(sigmas[0]);
        c.KSampler.KSampler()(new ReplayDenoiser(c), x, sigmas, new SamplingContext(noise, KDiffusion: c.KDiffusionVersion));
        noise.AssertMatches(c);
    }

    [SkippableTheory, Trait("Category", "Parity")]
    [MemberData(nameof(SingleEvaluationCases))]
    public void Replayed_denoiser_and_noise_reproduce_every_step(string id)
    {
        using var c = new CaseFile(id);
        using var scope = DisposeScope.Begin();
        var noise = new ReplayNoise(c);
        var sigmas = c.Read("sigmas");
        var x = noise.Randn(c.Shape("noise"), Device.Cpu).Mul(sigmas[0]);
        var steps = new List<float[]>();
        var latent = c.KSampler.KSampler()(new ReplayDenoiser(c), x, sigmas,
            new SamplingContext(noise, s => steps.Add(s.X.ToArray<float>()), c.KDiffusionVersion));
        Assert.Equal(c.RngCalls.Count, noise.Next);
        GoldenAssert.Close(steps.SelectMany(s => s).ToArray(), c.Read("step.x"), c.Tolerance("step.x"), $"{id} step.x");
        GoldenAssert.Close(latent, c.Read("latent"), c.Tolerance("latent"), $"{id} latent");
    }

    [Fact]
    public void Single_evaluation_samplers_call_the_denoiser_once_per_reported_step_and_others_more()
    {
        using var scope = DisposeScope.Begin();
        var sigmas = new DiscreteSchedule(DdpmSchedule.Linear()).GetSigmas(5);
        foreach (var name in SamplerNames.Valid.Select(SamplerNames.Parse).Where(s => s.IsKDiffusion()))
        {
            var model = new CountingDenoiser();
            using var g = new Generator(1);
            int reports = 0;
            name.KSampler()(model, Tensor.Randn([1, 4, 2, 2], g), sigmas, new SamplingContext(new GeneratorNoise(g), _ => reports++));
            if (name.ModelCallsPerStep() == 1) Assert.Equal((5, 5), (model.Calls, reports));
            else Assert.True(model.Calls > reports && model.Calls <= reports * name.ModelCallsPerStep(), $"{name}: {model.Calls} calls in {reports} steps");
            if (name == SamplerName.DpmFast) Assert.Equal(5, model.Calls);  // n calls, n = the list's steps
        }
    }

    sealed class CountingDenoiser : IDenoiser
    {
        public int Calls { get; private set; }

        public Tensor Denoise(Tensor x, float sigma)
        {
            Calls++;
            return x.Mul(0.5);
        }
    }
}
