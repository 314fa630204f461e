using Deforum.Sampling;
using Deforum.Sampling.CompVis;
using Deforum.Sampling.KDiffusion;
using Deforum.Torch;
using Xunit;

namespace Deforum.Tests.Sampling;

/// <summary>Masks during sampling (algorithms.md §9.3): white keeps the init, black is regenerated.</summary>
public class MaskTests
{
    const int Steps = 10;
    const double Strength = 0.3;  // t_enc = 7
    static readonly long[] Shape = [1, 4, 4, 4];

    /// <summary>fp32 round-off of init + n·σ − n·σ.</summary>
    const double Fp32Tolerance = 1e-5;

    /// <summary>Columns 0–1 white (1), column 2 grey (0.5), column 3 black (0).</summary>
    static Tensor SyntheticMask()
    {
        var values = new float[4 * 4 * 4];
        for (int i = 0; i < values.Length; i++) values[i] = (i % 4) switch { 0 or 1 => 1f, 2 => 0.5f, _ => 0f };
        return Tensor.From<float>(values, Shape);  // [1, 4, 4, 4]
    }

    /// <summary>D(x, σ) = x − σ·n: a denoiser that takes the mask's own noise n for the noise in x, so x = init + n·σ denoises to init.</summary>
    sealed class NoiseBelievingDenoiser(Tensor n) : IDenoiser
    {
        public Tensor Denoise(Tensor x, float sigma) => x.Sub(n.Mul(sigma));
    }

    static bool[] Column(int column) => Enumerable.Range(0, 64).Select(i => i % 4 == column).ToArray();

    /// <summary>
    /// The samplers that take d before the callback: with a denoiser that is right about the tied pixels they end on the
    /// init exactly. (Ancestral samplers take D before and d after the callback, so their last step lands on D of the
    /// unedited x — the original's behaviour, which a real UNet makes ≈ init.)
    /// </summary>
    [Theory]
    [InlineData(SamplerName.Euler, KDiffusionVersion.V0012)]
    [InlineData(SamplerName.Heun, KDiffusionVersion.V0012)]
    [InlineData(SamplerName.Dpm2, KDiffusionVersion.V0012)]
    [InlineData(SamplerName.Dpm2, KDiffusionVersion.Compat2208)]
    [InlineData(SamplerName.Klms, KDiffusionVersion.Compat2208)]
    public void White_keeps_the_init_and_black_is_regenerated(SamplerName sampler, KDiffusionVersion version)
    {
        using var scope = DisposeScope.Begin();
        using var g = new Generator(11);
        var init = Tensor.Randn(Shape, g);
        using var twin = new Generator(12);
        var maskNoise = Tensor.Randn(Shape, twin);  // the generation's first draw once an init exists
        using var gen = new Generator(12);
        var settings = new SamplerSettings { Sampler = sampler, Steps = Steps, KDiffusion = version };
        var schedule = new DiscreteSchedule(DdpmSchedule.Linear(), version);

        var masked = Generation.SampleKDiffusion(new NoiseBelievingDenoiser(maskNoise), schedule, settings, Shape, Strength,
            new InitLatent(init, SyntheticMask()), new GeneratorNoise(gen)).ToArray<float>();
        gen.ManualSeed(12);
        var free = Generation.SampleKDiffusion(new NoiseBelievingDenoiser(maskNoise), schedule, settings, Shape, Strength,
            new InitLatent(init), new GeneratorNoise(gen)).ToArray<float>();

        var initValues = init.ToArray<float>();
        foreach (int i in Enumerable.Range(0, 64).Where(i => Column(0)[i] || Column(1)[i]))
            Assert.True(Math.Abs(masked[i] - initValues[i]) <= Fp32Tolerance, $"white element {i}: {masked[i]} vs init {initValues[i]}");
        foreach (int i in Enumerable.Range(0, 64).Where(i => Column(3)[i]))
            Assert.Equal(free[i], masked[i]);
        Assert.True(Enumerable.Range(0, 64).Where(i => Column(3)[i]).Any(i => Math.Abs(masked[i] - initValues[i]) > 0.01),
            "black pixels should move away from the init");
    }

    [Theory]
    [InlineData(SamplerName.Euler)]
    [InlineData(SamplerName.EulerAncestral)]
    [InlineData(SamplerName.Dpm2Ancestral)]
    [InlineData(SamplerName.Klms)]
    public void Tied_pixels_hold_the_noised_init_after_each_callback_and_grey_lets_go_halfway(SamplerName sampler)
    {
        using var scope = DisposeScope.Begin();
        using var g = new Generator(5);
        var init = Tensor.Randn(Shape, g);
        var n = Tensor.Randn(Shape, g);
        var sigmas = Img2Img.TruncateSigmas(new DiscreteSchedule(DdpmSchedule.Linear()).GetSigmas(Steps), Img2Img.TEnc(Strength, Steps));
        var mask = new SamplingMask(SyntheticMask(), init, n, sigmas);
        var tiedGreySteps = new List<int>();
        sampler.KSampler()(new NoiseBelievingDenoiser(Tensor.ZerosLike(n)), init.Add(n.Mul(sigmas[0])), sigmas, new SamplingContext(new GeneratorNoise(g), s =>
        {
            var before = s.X.Clone();
            mask.ApplyKDiffusion(s);
            var tied = init.Add(n.Mul(s.Sigma)).ToArray<float>();
            var x = s.X.ToArray<float>();
            var untouched = before.ToArray<float>();
            Assert.All(Enumerable.Range(0, 64).Where(i => Column(0)[i]), i => Assert.Equal(tied[i], x[i]));
            Assert.All(Enumerable.Range(0, 64).Where(i => Column(3)[i]), i => Assert.Equal(untouched[i], x[i]));
            if (Enumerable.Range(0, 64).Where(i => Column(2)[i]).All(i => x[i] == tied[i])) tiedGreySteps.Add(s.Step);
            Assert.Equal(0.5f >= mask.Threshold(s.Step), tiedGreySteps.Contains(s.Step));
        }));
        Assert.NotEmpty(tiedGreySteps);
        Assert.True(tiedGreySteps.Count < sigmas.Length - 1, "grey should be released before the last step");
        Assert.Equal(0f, mask.Threshold(0));
        Assert.Equal(1f, mask.Threshold(sigmas.Length - 1));
    }

    /// <summary>
    /// Strength 0.9 of 30 steps keeps 2 σ and 3 thresholds, but dpm_fast reports 11 steps (Deforum gives it n = 30)
    /// and dpm_adaptive one per attempt: later steps tie with the last threshold, 1, so white stays pinned to the
    /// noised init — ending at init + n·σ_min, where both solvers stop — instead of the original's IndexError.
    /// </summary>
    [Theory]
    [InlineData(SamplerName.DpmFast)]
    [InlineData(SamplerName.DpmAdaptive)]
    public void Dpm_solvers_reporting_more_steps_than_sigmas_keep_tying_white(SamplerName sampler)
    {
        const int steps = 30;
        const double strength = 0.9;  // t_enc = 2
        using var scope = DisposeScope.Begin();
        using var g = new Generator(13);
        var init = Tensor.Randn(Shape, g);
        using var twin = new Generator(14);
        var maskNoise = Tensor.Randn(Shape, twin);
        using var gen = new Generator(14);
        var schedule = new DiscreteSchedule(DdpmSchedule.Linear());
        var sigmas = Img2Img.TruncateSigmas(schedule.GetSigmas(steps), Img2Img.TEnc(strength, steps));
        Assert.Equal(3, sigmas.Length);
        int reports = 0;

        var result = Generation.SampleKDiffusion(new NoiseBelievingDenoiser(maskNoise), schedule, new SamplerSettings { Sampler = sampler, Steps = steps },
            Shape, strength, new InitLatent(init, SyntheticMask()), new GeneratorNoise(gen), _ => reports++).ToArray<float>();

        Assert.True(reports > sigmas.Length, $"{reports} reported steps");
        var white = init.Add(maskNoise.Mul(sigmas[^2])).ToArray<float>();
        foreach (int i in Enumerable.Range(0, 64).Where(i => Column(0)[i] || Column(1)[i]))
            Assert.True(Math.Abs(result[i] - white[i]) <= Fp32Tolerance * Math.Max(1, Math.Abs(white[i])), $"white element {i}: {result[i]} vs {white[i]}");
        Assert.Equal(1f, new SamplingMask(SyntheticMask(), init, maskNoise, sigmas).Threshold(reports));
    }

    [Fact]
    public void Ddim_ties_pixels_to_the_stochastic_encoding_of_the_init()
    {
        using var scope = DisposeScope.Begin();
        using var g = new Generator(8);
        var init = Tensor.Randn(Shape, g);
        using var twin = new Generator(9);
        var maskNoise = Tensor.Randn(Shape, twin);
        using var gen = new Generator(9);
        var ddpm = DdpmSchedule.Linear();
        var settings = new SamplerSettings { Sampler = SamplerName.Ddim, Steps = Steps };
        var ddim = DdimSchedule.Create(ddpm, Steps, 0, DdimDiscretization.Fill);
        int tEnc = Img2Img.TEnc(Strength, Steps), calls = 0;
        Generation.SampleCompVis(new ZeroEps(), ddpm, new DiscreteSchedule(ddpm), settings, Shape, Strength, new InitLatent(init, SyntheticMask()),
            new GeneratorNoise(gen), s =>
            {
                calls++;
                var tied = Ddim.StochasticEncode(init, ddim, tEnc - s.Step, maskNoise).ToArray<float>();
                var x = s.X.ToArray<float>();
                Assert.All(Enumerable.Range(0, 64).Where(i => Column(0)[i]), i => Assert.Equal(tied[i], x[i]));
            });
        Assert.Equal(tEnc, calls);
    }

    [Fact]
    public void Mask_must_match_the_latent_shape()
    {
        using var scope = DisposeScope.Begin();
        Assert.Throws<ArgumentException>(() => new SamplingMask(Tensor.Ones([1, 1, 4, 4]), Tensor.Zeros(Shape), Tensor.Zeros(Shape), [1f, 0f]));
    }

    sealed class ZeroEps : INoisePredictor
    {
        public NoisePrediction Predict(Tensor x, int timestep) => new(Tensor.ZerosLike(x), null);
    }
}
