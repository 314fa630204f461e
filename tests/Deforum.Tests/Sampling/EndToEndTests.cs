using Deforum.Sampling;
using Deforum.Sampling.CompVis;
using Deforum.Testing;
using Deforum.Torch;
using Xunit;

namespace Deforum.Tests.Sampling;

/// <summary>
/// Whole sampler runs on the tiny UNet against every recorded run, with the noise replayed from the recording and
/// re-drawn from the seed. Skipped (not failed, also under CI) until the UNet of issue 5 is merged: see <see cref="TinyModel"/>.
/// </summary>
public class EndToEndTests
{
    static readonly string[] Kinds =
        ["sampler_kdiffusion", "sampler_kdiffusion_v", "img2img_kdiffusion", "sampler_compvis", "sampler_compvis_v", "sampler_deforum_ddim"];

    public static IEnumerable<object[]> Cases => Kinds.SelectMany(Golden.Cases);

    [SkippableTheory, Trait("Category", "Parity")]
    [MemberData(nameof(Cases))]
    public void Tiny_unet_run_matches_with_replayed_noise(string id)
    {
        using var c = new CaseFile(id);
        var model = Require(c);
        using var scope = DisposeScope.Begin();
        // Draw 0 of an img2img run is the VAE posterior's; the recorded init latent stands in for the encoder.
        var noise = new ReplayNoise(c) { Next = c.Case.Kind.StartsWith("img2img", StringComparison.Ordinal) ? 1 : 0 };
        Check(c, model, noise);
        Assert.Equal(c.RngCalls.Count, noise.Next);
    }

    [SkippableTheory, Trait("Category", "Parity")]
    [MemberData(nameof(Cases))]
    public void Tiny_unet_run_matches_with_noise_drawn_from_the_seed(string id)
    {
        using var c = new CaseFile(id);
        var model = Require(c);
        using var scope = DisposeScope.Begin();
        using var generator = new Generator(unchecked((ulong)c.Seed));
        var noise = new RecordingNoise(new GeneratorNoise(generator));
        if (c.Case.Kind.StartsWith("img2img", StringComparison.Ordinal)) noise.Randn(c.Shape("posterior_noise"), Device.Cpu);
        Check(c, model, noise);
        noise.AssertMatches(c);
    }

    static IDiffusionModel Require(CaseFile c) => TinyModel.Load(c.Has("model") ? c.String("model") : "sd1");

    static void Check(CaseFile c, IDiffusionModel model, INoiseSource noise)
    {
        var ddpm = DdpmSchedule.Linear();
        var conditioning = new Conditioning(c.Load("cond"), c.Load("uncond"), c.Double("cfg_scale"));
        var xs = new List<float[]>();
        var denoised = new List<float[]>();
        void Record(SamplerStep s)
        {
            xs.Add(s.X.ToArray<float>());
            denoised.Add(s.Denoised.ToArray<float>());
        }

        Tensor latent;
        string xName, denoisedName;
        if (c.Case.Kind is "sampler_compvis" or "sampler_compvis_v")
        {
            var (schedule, _) = CompVisSamplerTests.ScheduleOf(c);
            var predictor = new CfgNoisePredictor(model, conditioning, ddpm);
            var xT = noise.Randn(c.Shape("x_T"), Device.Cpu);
            var context = new SamplingContext(noise, Record);
            latent = c.String("sampler").Contains("PLMS", StringComparison.Ordinal)
                ? Plms.Sample(predictor, xT, schedule, context)
                : Ddim.Sample(predictor, xT, schedule, schedule.Length, context);
            (xName, denoisedName) = ("x_inter", "pred_x0");
        }
        else
        {
            bool img2img = c.Case.Kind.StartsWith("img2img", StringComparison.Ordinal);
            bool ddim = c.Case.Kind == "sampler_deforum_ddim";
            var settings = new SamplerSettings
            {
                Sampler = ddim ? SamplerName.Ddim : c.KSampler,
                Steps = c.Int("steps"),
                DdimEta = ddim ? c.Double("eta") : 0,
                KDiffusion = ddim ? default : c.KDiffusionVersion,
            };
            var shape = c.Shape(ddim ? "x_T" : img2img ? "sampler_noise" : "noise");
            latent = Generation.Sample(model, ddpm, conditioning, settings, shape, img2img ? c.Double("strength") : 0,
                img2img ? new InitLatent(c.Load("init_latent")) : null, noise, Record);
            (xName, denoisedName) = ddim ? ("x_inter", "") : ("step.x", "step.denoised");
        }

        GoldenAssert.Close(latent, c.Read("latent"), c.Tolerance("latent"), $"{c.Case.Id} latent");
        GoldenAssert.Close(xs.SelectMany(v => v).ToArray(), c.Read(xName), c.Tolerance(xName), $"{c.Case.Id} {xName}");
        if (c.Case.Outputs.ContainsKey(denoisedName))
            GoldenAssert.Close(denoised.SelectMany(v => v).ToArray(), c.Read(denoisedName), c.Tolerance(denoisedName), $"{c.Case.Id} {denoisedName}");
    }
}
