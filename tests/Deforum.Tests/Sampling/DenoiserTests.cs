using Deforum.Sampling;
using Deforum.Sampling.CompVis;
using Deforum.Sampling.KDiffusion;
using Deforum.Torch;
using Xunit;

namespace Deforum.Tests.Sampling;

/// <summary>The wrapper arithmetic around the UNet: scalings, σ↔t, guidance batching, weighted conditioning.</summary>
public class DenoiserTests
{
    /// <summary>fp32 round-off of a few multiply-adds on values of order 10.</summary>
    const double Fp32Tolerance = 1e-5;

    /// <summary>t → σ → t in float32 near t = 999, where one ulp of t is 6e-5 and of σ ~1e-6 relative (amplified by dt/dσ).</summary>
    const double RoundTripTimestepTolerance = 2e-3;

    /// <summary>Records each call and answers output = 2·x + t (per sample) + mean(context) (per sample).</summary>
    sealed class ProbeModel(ModelPrediction prediction) : IDiffusionModel
    {
        public ModelPrediction Prediction => prediction;
        public List<(float[] X, float[] T, float[] Context, DType TType)> Calls { get; } = [];

        public Tensor Forward(Tensor x, Tensor t, Tensor context)
        {
            Calls.Add((x.ToArray<float>(), t.To(DType.Float32).ToArray<float>(), context.ToArray<float>(), t.DType));
            var perSample = t.To(DType.Float32).Add(context.Mean([1, 2])).View(x.Size(0), 1, 1, 1);  // [B, 1, 1, 1]
            return x.Mul(2).Add(perSample);
        }
    }

    static void Close(float[] expected, Tensor got)
    {
        var g = got.ToArray<float>();
        Assert.Equal(expected.Length, g.Length);
        for (int i = 0; i < g.Length; i++) Assert.True(Math.Abs(expected[i] - g[i]) <= Fp32Tolerance * Math.Max(1, Math.Abs(expected[i])), $"element {i}: {g[i]} vs {expected[i]}");
    }

    [Theory]
    [InlineData(ModelPrediction.Epsilon)]
    [InlineData(ModelPrediction.V)]
    public void Denoiser_scales_input_and_output_and_passes_the_fractional_timestep(ModelPrediction prediction)
    {
        using var scope = DisposeScope.Begin();
        var model = new ProbeModel(prediction);
        var schedule = new DiscreteSchedule(DdpmSchedule.Linear());
        const float sigma = 3.7f;
        var x = Tensor.From<float>([1f, -2f, 0.5f, 4f], [1, 1, 2, 2]);
        var context = Tensor.Zeros([1, 3, 2]);
        var denoised = new CompVisDenoiser(model, schedule).Denoise(x, sigma, context);

        float cIn = 1f / MathF.Sqrt(sigma * sigma + 1), t = schedule.SigmaToT(sigma);
        Assert.Equal([1f * cIn, -2f * cIn, 0.5f * cIn, 4f * cIn], model.Calls[0].X);
        Assert.Equal([t], model.Calls[0].T);
        var expected = x.ToArray<float>().Select(v =>
        {
            float output = 2 * v * cIn + t;
            return prediction == ModelPrediction.Epsilon
                ? v - sigma * output
                : v / (sigma * sigma + 1) - sigma / MathF.Sqrt(sigma * sigma + 1) * output;
        }).ToArray();
        Close(expected, denoised);
    }

    [Theory]
    [InlineData(KDiffusionVersion.V0012)]
    [InlineData(KDiffusionVersion.Compat2208)]
    public void Sigma_to_t_inverts_t_to_sigma(KDiffusionVersion version)
    {
        var schedule = new DiscreteSchedule(DdpmSchedule.Linear(), version);
        foreach (float t in new[] { 0f, 1f, 17.25f, 500f, 998.5f, 999f })
            Assert.True(Math.Abs(schedule.SigmaToT(schedule.TToSigma(t)) - t) < RoundTripTimestepTolerance, $"{version} t = {t}");
        Assert.Equal(0f, schedule.SigmaToT(schedule.SigmaMin / 2));  // below the table: clamped to t = 0
        Assert.Equal(999f, schedule.SigmaToT(schedule.SigmaMax * 2));  // above: clamped to the last entry
    }

    [Fact]
    public void Guidance_batches_uncond_then_cond_in_one_call()
    {
        using var scope = DisposeScope.Begin();
        var model = new ProbeModel(ModelPrediction.Epsilon);
        var cond = Tensor.Full([1, 3, 2], 1.0);
        var uncond = Tensor.Full([1, 3, 2], -1.0);
        const double scale = 7.5;
        var x = Tensor.From<float>([0.5f, 1.5f], [1, 1, 1, 2]);
        var schedule = new DiscreteSchedule(DdpmSchedule.Linear());
        var inner = new CompVisDenoiser(model, schedule);
        var guided = new CfgDenoiser(inner, new Conditioning(cond, uncond, scale)).Denoise(x, 2f);

        Assert.Single(model.Calls);
        Assert.Equal(12, model.Calls[0].Context.Length);
        Assert.All(model.Calls[0].Context.Take(6), v => Assert.Equal(-1f, v));  // uncond first
        Assert.All(model.Calls[0].Context.Skip(6), v => Assert.Equal(1f, v));
        var du = inner.Denoise(x, 2f, uncond).ToArray<float>();
        var dc = inner.Denoise(x, 2f, cond).ToArray<float>();
        Close(du.Zip(dc, (u, c) => (float)(u + (c - u) * scale)).ToArray(), guided);
    }

    [Fact]
    public void Scale_one_makes_a_single_conditional_call()
    {
        using var scope = DisposeScope.Begin();
        var model = new ProbeModel(ModelPrediction.Epsilon);
        var x = Tensor.Ones([1, 1, 1, 2]);
        new CfgDenoiser(new CompVisDenoiser(model, new DiscreteSchedule(DdpmSchedule.Linear())),
            new Conditioning(Tensor.Ones([1, 3, 2]), Tensor.Zeros([1, 3, 2]), 1.0)).Denoise(x, 1f);
        new CfgNoisePredictor(model, new Conditioning(Tensor.Ones([1, 3, 2]), Tensor.Zeros([1, 3, 2]), 1.0), DdpmSchedule.Linear()).Predict(x, 10);
        Assert.Equal(2, model.Calls.Count);
        Assert.All(model.Calls, call => Assert.Equal(6, call.Context.Length));
        Assert.All(model.Calls[1].T, t => Assert.Equal(10f, t));
        Assert.Equal(DType.Int64, model.Calls[1].TType);
    }

    [Fact]
    public void Guided_noise_prediction_of_a_v_model_gives_eps_and_x0_from_the_ddpm_buffers()
    {
        using var scope = DisposeScope.Begin();
        var ddpm = DdpmSchedule.Linear();
        var model = new ProbeModel(ModelPrediction.V);
        var x = Tensor.From<float>([0.25f, -1f], [1, 1, 1, 2]);
        var zeros = Tensor.Zeros([1, 3, 2]);
        const int t = 500;
        var p = new CfgNoisePredictor(model, new Conditioning(zeros, zeros, 3.0), ddpm).Predict(x, t);
        float a = ddpm.SqrtAlphasCumprod[t], b = ddpm.SqrtOneMinusAlphasCumprod[t];
        var v = x.ToArray<float>().Select(xv => 2 * xv + t).ToArray();  // cond = uncond, so guidance leaves v
        Close(v.Zip(x.ToArray<float>(), (vv, xv) => a * vv + b * xv).ToArray(), p.Eps);
        Close(v.Zip(x.ToArray<float>(), (vv, xv) => a * xv - b * vv).ToArray(), p.Denoised!);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-2.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Scale_must_be_positive_and_finite(double scale)
    {
        using var scope = DisposeScope.Begin();
        Assert.Throws<ArgumentOutOfRangeException>(() => new Conditioning(Tensor.Zeros([1, 3, 2]), Tensor.Zeros([1, 3, 2]), scale));
    }

    [Fact]
    public void Cond_and_uncond_must_have_the_same_shape()
    {
        using var scope = DisposeScope.Begin();
        Assert.Throws<ArgumentException>(() => new Conditioning(Tensor.Zeros([1, 3, 2]), Tensor.Zeros([1, 4, 2]), 7));
    }

    [Fact]
    public void Weighted_sub_prompts_sum_in_order_normalised_per_list_with_fallbacks()
    {
        using var scope = DisposeScope.Begin();
        Tensor E(float v) => Tensor.Full([1, 1, 2], v);
        var whole = E(100);
        var empty = E(-100);
        var c = Conditioning.FromWeighted([new(E(1), 2), new(E(4), 6)], [], whole, empty, 7, normalize: true);
        Close([3.25f, 3.25f], c.Cond);  // (2·1 + 6·4)/8
        Close([-100f, -100f], c.Uncond);
        var raw = Conditioning.FromWeighted([], [new(E(2), 3)], whole, empty, 7, normalize: false);
        Close([100f, 100f], raw.Cond);
        Close([6f, 6f], raw.Uncond);
        Assert.Throws<ArgumentException>(() => Conditioning.FromWeighted([new(E(1), 0)], [], whole, empty, 7, normalize: true));
    }
}
