using Deforum.Sampling;
using Deforum.Sampling.CompVis;
using Deforum.Testing;
using Deforum.Torch;
using Xunit;

namespace Deforum.Tests.Sampling;

/// <summary>The CompVis DDIM/PLMS and Deforum 0.4 DDIM cases without the UNet: timesteps, draw order and the DDIM update.</summary>
public class CompVisSamplerTests
{
    public static IEnumerable<object[]> Cases =>
        Golden.Cases("sampler_compvis").Concat(Golden.Cases("sampler_compvis_v")).Concat(Golden.Cases("sampler_deforum_ddim"));

    /// <summary>DDIM cases that record x̂₀, from which each step's ε follows, so the update can be replayed.</summary>
    public static IEnumerable<object[]> ReplayableDdimCases => CaseFile.Where(Cases, c => c.Outputs.ContainsKey("pred_x0") && !IsPlms(c));

    static bool IsPlms(GoldenCase c) => c.Params.GetProperty("sampler").GetString()!.Contains("PLMS", StringComparison.Ordinal);

    /// <summary>Deforum 0.4 decodes over the first `steps` "fill" timesteps; CompVis and SD2 sample the whole uniform table.</summary>
    internal static (DdimSchedule Schedule, int TStart) ScheduleOf(CaseFile c)
    {
        bool deforum = c.Case.Kind == "sampler_deforum_ddim";
        var schedule = DdimSchedule.Create(DdpmSchedule.Linear(), c.Int("steps"), c.Double("eta"),
            deforum ? DdimDiscretization.Fill : DdimDiscretization.Uniform);
        return (schedule, deforum ? c.Int("steps") : schedule.Length);
    }

    sealed class ZeroPredictor : INoisePredictor
    {
        public NoisePrediction Predict(Tensor x, int timestep) => new(Tensor.ZerosLike(x), null);
    }

    static Tensor Run(CaseFile c, INoisePredictor model, Tensor xT, INoiseSource noise, StepCallback? callback = null)
    {
        var (schedule, tStart) = ScheduleOf(c);
        var context = new SamplingContext(noise, callback);
        return IsPlms(c.Case) ? Plms.Sample(model, xT, schedule, context) : Ddim.Sample(model, xT, schedule, tStart, context);
    }

    [SkippableTheory, Trait("Category", "Parity")]
    [MemberData(nameof(Cases))]
    public void Timesteps_run_in_the_recorded_order(string id)
    {
        using var c = new CaseFile(id);
        using var scope = DisposeScope.Begin();
        var used = new List<long>();
        using var g = new Generator(0);
        Run(c, new ZeroPredictor(), c.Load("x_T"), new GeneratorNoise(g), s => used.Add((long)s.Sigma));
        Assert.Equal(c.Longs(c.Case.Inputs["timesteps"].Tensor), used);
    }

    [SkippableTheory, Trait("Category", "Parity")]
    [MemberData(nameof(Cases))]
    public void Draws_from_the_seeded_generator_in_the_original_order(string id)
    {
        using var c = new CaseFile(id);
        using var scope = DisposeScope.Begin();
        using var generator = new Generator(unchecked((ulong)c.Seed));
        var noise = new RecordingNoise(new GeneratorNoise(generator));
        var xT = noise.Randn(c.Shape("x_T"), Device.Cpu);
        Assert.Equal(c.Read("x_T"), xT.ToArray<float>());
        Run(c, new ZeroPredictor(), xT, noise);
        noise.AssertMatches(c);
    }

    /// <summary>Returns ε = (x − √a·x̂₀)/√(1−a) from the recorded x̂₀ of each step (and x̂₀ itself for v-models).</summary>
    sealed class ReplayPredictor(CaseFile c, DdimSchedule schedule, bool giveDenoised) : INoisePredictor
    {
        int _step;

        public NoisePrediction Predict(Tensor x, int timestep)
        {
            int index = Array.IndexOf(schedule.Timesteps, timestep);
            var denoised = c.StepTensor("pred_x0", _step++);
            var eps = x.Sub(denoised.Mul(MathF.Sqrt(schedule.Alphas[index]))).Div(schedule.SqrtOneMinusAlphas[index]);
            return new NoisePrediction(eps, giveDenoised ? denoised : null);
        }
    }

    [SkippableTheory, Trait("Category", "Parity")]
    [MemberData(nameof(ReplayableDdimCases))]
    public void Replayed_predictions_and_noise_reproduce_every_ddim_step(string id)
    {
        using var c = new CaseFile(id);
        using var scope = DisposeScope.Begin();
        var noise = new ReplayNoise(c);
        var xT = noise.Randn(c.Shape("x_T"), Device.Cpu);
        var (schedule, _) = ScheduleOf(c);
        var steps = new List<float[]>();
        var denoised = new List<float[]>();
        var latent = Run(c, new ReplayPredictor(c, schedule, c.Case.Kind.EndsWith("_v", StringComparison.Ordinal)), xT, noise, s =>
        {
            steps.Add(s.X.ToArray<float>());
            denoised.Add(s.Denoised.ToArray<float>());
        });
        Assert.Equal(c.RngCalls.Count, noise.Next);
        GoldenAssert.Close(steps.SelectMany(s => s).ToArray(), c.Read("x_inter"), c.Tolerance("x_inter"), $"{id} x_inter");
        GoldenAssert.Close(denoised.SelectMany(s => s).ToArray(), c.Read("pred_x0"), c.Tolerance("pred_x0"), $"{id} pred_x0");
        GoldenAssert.Close(latent, c.Read("latent"), c.Tolerance("latent"), $"{id} latent");
    }

    [Fact]
    public void Plms_rejects_a_nonzero_eta()
    {
        using var scope = DisposeScope.Begin();
        using var g = new Generator(0);
        var schedule = DdimSchedule.Create(DdpmSchedule.Linear(), 5, 0.5, DdimDiscretization.Uniform);
        Assert.Throws<ArgumentException>(() => Plms.Sample(new ZeroPredictor(), Tensor.Zeros([1, 4, 2, 2]), schedule, new SamplingContext(new GeneratorNoise(g))));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public void Ddim_schedule_rejects_step_counts_outside_the_ddpm(int steps) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => DdimSchedule.Create(DdpmSchedule.Linear(), steps, 0, DdimDiscretization.Fill));

    [Fact]
    public void Unknown_discretisation_lists_the_valid_ones()
    {
        var e = Assert.Throws<ArgumentException>(() => DdimScheduleKinds.Parse("quad"));
        Assert.Contains("uniform, fill", e.Message);
    }
}
