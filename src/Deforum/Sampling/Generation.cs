using Deforum.Sampling.CompVis;
using Deforum.Sampling.KDiffusion;
using Deforum.Torch;

namespace Deforum.Sampling;

/// <summary>An init for img2img: the scaled latent (0.18215·z, VAE posterior already sampled) and an optional prepared mask.</summary>
/// <param name="Latent">[B, 4, H/8, W/8]</param>
/// <param name="Mask">[B, 4, H/8, W/8] in [0, 1] (§9.2), or null.</param>
public sealed record InitLatent(Tensor Latent, Tensor? Mask = null);

/// <summary>
/// One generation's sampling, from noise (or an init) to the final latent, making every random draw of Deforum v0.4's
/// generate() in its order: the mask callback's pre-draw (whenever an init exists), the start noise, then the sampler's.
/// The caller has already made the VAE posterior draw and seeded the generator behind <c>noise</c>.
/// </summary>
public static class Generation
{
    /// <param name="latentShape">[B, 4, H/8, W/8]</param>
    /// <param name="strength">Deforum strength (kept fraction of the init); apply <see cref="Img2Img.EffectiveStrength"/> first.</param>
    public static Tensor Sample(IDiffusionModel model, DdpmSchedule ddpm, Conditioning conditioning, SamplerSettings settings,
        long[] latentShape, double strength, InitLatent? init, INoiseSource noise, StepCallback? callback = null, CancellationToken cancellation = default)
    {
        settings.Validate();
        var schedule = new DiscreteSchedule(ddpm, settings.KDiffusion);
        return settings.Sampler.IsKDiffusion()
            ? SampleKDiffusion(new CfgDenoiser(new CompVisDenoiser(model, schedule), conditioning), schedule, settings, latentShape, strength, init, noise, callback, cancellation)
            : SampleCompVis(new CfgNoisePredictor(model, conditioning, ddpm), ddpm, schedule, settings, latentShape, strength, init, noise, callback, cancellation);
    }

    /// <summary>
    /// How many times the sampler reports a step (calls the step callback) in a generation at this strength: t_enc for
    /// the k-samplers and DDIM, the uniform DDIM schedule's length for PLMS (txt2img only: 8 for 7 steps of 1000),
    /// dpm_fast's ⌊steps/3⌋ + 1 solver steps, null for dpm_adaptive, whose accepted and rejected attempts depend on
    /// the error estimates.
    /// </summary>
    public static int? ReportedSteps(SamplerSettings settings, double strength, int ddpmTimesteps = DdpmSchedule.DefaultTimesteps)
    {
        ArgumentNullException.ThrowIfNull(settings);
        int tEnc = Img2Img.TEnc(strength, settings.Steps);
        return settings.Sampler switch
        {
            SamplerName.DpmAdaptive => null,
            SamplerName.DpmFast => tEnc == 0 ? 0 : KSamplers.DpmFastOrders(settings.Steps).Length,
            SamplerName.Plms => DdimSchedule.UniformTimesteps(ddpmTimesteps, settings.Steps).Length,
            _ => tEnc,
        };
    }

    /// <summary>The k-diffusion path over any denoiser (the UNet wrapper, or a stand-in in tests and benchmarks).</summary>
    public static Tensor SampleKDiffusion(IDenoiser denoiser, DiscreteSchedule schedule, SamplerSettings settings, long[] latentShape,
        double strength, InitLatent? init, INoiseSource noise, StepCallback? callback = null, CancellationToken cancellation = default)
    {
        settings.Validate();
        using var scope = DisposeScope.Begin();
        int tEnc = Img2Img.TEnc(strength, settings.Steps);
        var full = settings.KarrasSigmas ? KarrasSigmas.For(schedule, settings.Steps) : schedule.GetSigmas(settings.Steps);
        var sigmas = Img2Img.TruncateSigmas(full, tEnc);
        var mask = CreateMask(init, sigmas, noise);
        var x = Img2Img.KDiffusionStart(noise.Randn(latentShape, LatentDevice(init, noise)), sigmas[0], init?.Latent);
        var context = new SamplingContext(noise, Chain(Chain(Thresholds(settings), mask is null ? null : mask.ApplyKDiffusion), callback), settings.KDiffusion, cancellation);
        // Deforum's glue hands dpm_fast n = steps, the full count, even when img2img shortened the σ range.
        return scope.MoveToOuter(settings.Sampler == SamplerName.DpmFast
            ? KSamplers.DpmFast(denoiser, x, sigmas, settings.Steps, context)
            : settings.Sampler.KSampler()(denoiser, x, sigmas, context));
    }

    /// <summary>The DDIM ("fill", Deforum 0.4) and PLMS (uniform, txt2img only) path over any noise predictor.</summary>
    public static Tensor SampleCompVis(INoisePredictor predictor, DdpmSchedule ddpm, DiscreteSchedule schedule, SamplerSettings settings,
        long[] latentShape, double strength, InitLatent? init, INoiseSource noise, StepCallback? callback = null, CancellationToken cancellation = default)
    {
        settings.Validate();
        using var scope = DisposeScope.Begin();
        if (settings.Sampler == SamplerName.Plms)
        {
            if (init is not null) throw new ArgumentException("plms has no img2img path; use SamplerSettings.ForRun (Deforum swaps it for klms)", nameof(init));
            var uniform = DdimSchedule.Create(ddpm, settings.Steps, 0, DdimDiscretization.Uniform);
            var xT = noise.Randn(latentShape, LatentDevice(null, noise));
            return scope.MoveToOuter(Plms.Sample(predictor, xT, uniform, new SamplingContext(noise, Chain(Thresholds(settings), callback), Cancellation: cancellation)));
        }
        int tEnc = Img2Img.TEnc(strength, settings.Steps);
        var ddim = DdimSchedule.Create(ddpm, settings.Steps, settings.DdimEta, DdimDiscretization.Fill);
        var mask = CreateMask(init, Img2Img.TruncateSigmas(schedule.GetSigmas(settings.Steps), tEnc), noise);
        var x = init is not null && strength > 0
            ? Ddim.StochasticEncode(init.Latent, ddim, tEnc, noise.RandnLike(init.Latent))
            : noise.Randn(latentShape, LatentDevice(init, noise));
        StepCallback? applyMask = mask is null ? null : step => mask.ApplyDdim(step, ddim, tEnc);
        return scope.MoveToOuter(Ddim.Sample(predictor, x, ddim, tEnc, new SamplingContext(noise, Chain(Chain(Thresholds(settings), applyMask), callback), Cancellation: cancellation)));
    }

    // The original's SamplerCallback draws its noise whenever an init latent exists, mask or not.
    static SamplingMask? CreateMask(InitLatent? init, float[] sigmas, INoiseSource noise)
    {
        if (init is null) return null;
        var maskNoise = noise.RandnLike(init.Latent);
        return init.Mask is null || sigmas.Length < 2 ? null : new SamplingMask(init.Mask, init.Latent, maskNoise, sigmas);
    }

    static Device LatentDevice(InitLatent? init, INoiseSource noise) =>
        init?.Latent.Device ?? (noise is GeneratorNoise g ? g.Generator.Device : Torch.Device.Cpu);

    // Deforum's callback order: dynamic threshold, static threshold, then the mask, then previews.
    static StepCallback? Thresholds(SamplerSettings settings) => Chain(
        settings.DynamicThreshold is { } p ? step => Thresholding.Dynamic(step.X, p) : null,
        settings.StaticThreshold is { } v ? step => Thresholding.Static(step.X, v) : null);

    /// <summary>Both callbacks, first then second, for each step.</summary>
    internal static StepCallback? Chain(StepCallback? first, StepCallback? second) =>
        first is null ? second : second is null ? first : step => { first(step); second(step); };
}
