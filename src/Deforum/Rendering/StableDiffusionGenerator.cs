using Deforum.Animation;
using Deforum.Animation.Masks;
using Deforum.Animation.Perlin;
using Deforum.Media;
using Deforum.Models;
using Deforum.Outputs;
using Deforum.Planning;
using Deforum.Prompts;
using Deforum.Sampling;
using Deforum.Sampling.KDiffusion;
using Deforum.Settings;
using Deforum.Torch;

namespace Deforum.Rendering;

/// <summary>
/// One generation on a loaded Stable Diffusion model: the diffusion step of the render loop and of still images.
/// Port of deforum-stable-diffusion helpers/generate.py::generate (0.7), with 0.4's order of random draws
/// (Deforum_Stable_Diffusion.py::generate, spec §5.4) and §6 (conditioning), §8 (strength), §9 (inits and masks).
/// On the CPU every draw comes from the request's seeded CPU stream, as in the CPU reference runs; on CUDA the
/// VAE posterior still draws from it and the sampler from the device generator seeded with the same seed.
/// </summary>
public sealed class StableDiffusionGenerator : IFrameGenerator, IDisposable
{
    static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };

    readonly StableDiffusion _model;
    readonly DdpmSchedule _ddpm;
    readonly GenerationSettings _args;
    readonly bool _isAnimation;
    readonly KDiffusionVersion _kDiffusion;
    readonly PromptEmbeddings _embeddings;

    /// <param name="run">The prepared settings: sizes already rounded to multiples of 64, plms already swapped.</param>
    /// <param name="kDiffusion">Which k-diffusion the k-samplers follow (v0.0.12 as 0.6/0.7; 2022-08 as 0.4).</param>
    public StableDiffusionGenerator(StableDiffusion model, PreparedRun run, KDiffusionVersion kDiffusion = KDiffusionVersion.V0012)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(run);
        _model = model;
        var d = model.Config.Diffusion;
        _ddpm = DdpmSchedule.Linear(d.Timesteps, d.LinearStart, d.LinearEnd);
        _args = run.Settings.Generation;
        _isAnimation = run.Settings.Animation.AnimationMode != AnimationModes.None;
        _kDiffusion = kDiffusion;
        _embeddings = new PromptEmbeddings(text => model.EncodePrompts([text])); // [1, 77, C]
    }

    public Device Device => _model.Device;

    public Tensor Generate(GenerationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var scope = DisposeScope.Begin();
        int w = _args.W, h = _args.H, f = _args.F;

        // 1. the init: the loop's warped sample, else perlin_init's picture, else the init_image file when use_init is on (§9.1)
        var (init, alpha) = request.InitSample is { } sample ? (sample.To(Device), null)
            : request.PerlinInit is { } perlin ? (PerlinInit.Create(perlin, w, h, request.Seed).To(Device), null)
            : LoadInit(request.InitImage);
        // 2. the VAE posterior draws from the CPU stream seed_everything just reseeded (§5.4 step 2)
        var latent = init is null ? null : _model.EncodeImage(init, request.HostRandom); // [1, 4, H/8, W/8]
        // 3. the mask, at latent size for sampling (§9.2); nothing to keep without an init
        var maskImage = latent is not null && _args.UseMask ? alpha ?? ReadImage(request.MaskImage ?? _args.MaskFile, "mask_file", channels: 4) : null;
        var mask = maskImage is null ? null : MaskPreparation.PrepareFromSettings(maskImage, w / f, h / f,
            _args.MaskBrightnessAdjust, _args.MaskContrastAdjust, _args.InvertMask).To(Device);
        // 4. c and uc from the (weighted) prompt, blended toward the next prompt in a blend window; c replaced by init_c
        // when given (§4.3, §6)
        var conditioning = request.PromptWindow is { } window ? Blended(request.Prompt, window) : Condition(request.Prompt);
        if (request.InitC is { } initC) conditioning = new Conditioning(initC.To(Device, conditioning.Cond.DType), conditioning.Uncond, conditioning.Scale);
        // 5. sample: strength_0_no_init, the plms swap, then every draw in the original's order (§5.4, §8)
        bool useInit = latent is not null;
        var settings = new SamplerSettings
        {
            Sampler = request.Sampler ?? SamplerNames.Parse(_args.Sampler),
            Steps = _args.Steps,
            DdimEta = _args.DdimEta,
            KDiffusion = _kDiffusion,
            DynamicThreshold = _args.DynamicThreshold,
            StaticThreshold = _args.StaticThreshold,
        }.ForRun(useInit, _isAnimation);
        double strength = Img2Img.EffectiveStrength(request.Strength, useInit, _args.Strength0NoInit);
        using var deviceRandom = Device.IsCuda ? new Generator(0, Device).ManualSeed(request.Seed) : null;
        var noise = new GeneratorNoise(deviceRandom ?? request.HostRandom);
        var callback = Generation.Chain(_args.SaveSamplePerStep ? StepPreviews(request.Seed, settings.Sampler) : null,
            request.StepProgress is { } progress ? StepReports(progress, Generation.ReportedSteps(settings, strength, _ddpm.Timesteps)) : null);
        var z = Generation.Sample(_model, _ddpm, conditioning, settings, [1, _args.C, h / f, w / f], strength,
            latent is null ? null : new InitLatent(latent, mask), noise, callback, cancellationToken);
        // 6. decode, then paste the init back where the mask is white (§9.5)
        var decoded = _model.DecodeLatents(z); // [1, 3, H, W]
        if (maskImage is not null && _args.OverlayMask)
        {
            var overlay = MaskPreparation.OverlayMask(maskImage, w, h, _args.MaskBrightnessAdjust, _args.MaskContrastAdjust,
                _args.InvertMask, _args.MaskOverlayBlur).To(Device, decoded.DType);
            decoded = MaskOverlay.Apply(init!.To(decoded.DType), decoded, overlay);
        }
        return scope.MoveToOuter(decoded);
    }

    /// <summary>
    /// save_sample_per_step (spec §20.5): every step's estimate decoded into {outdir}/{timestring}_00_{seed}/ — x̂₀ as
    /// x0_pred_{step}.png for the k-samplers, the latent as x_{step}.png for DDIM/PLMS — in float64, clamped, truncated.
    /// </summary>
    StepCallback StepPreviews(long seed, SamplerName sampler)
    {
        var folder = OutputPaths.StepPreviewFolder(_args.Outdir, _args.Timestring, 0, seed);
        Directory.CreateDirectory(folder);
        bool k = sampler.IsKDiffusion();
        return step =>
        {
            using var scope = DisposeScope.Begin();
            var decoded = _model.DecodeLatents(k ? step.Denoised : step.X).To(DType.Float64); // [1, 3, H, W]
            ImageFile.WritePng(Path.Combine(folder, OutputPaths.StepPreviewFile(k ? "x0_pred" : "x", step.Step)),
                FrameConversions.ToImageBuffer(FrameConversions.ImageFromDecoded(decoded)));
        };
    }

    // dpm_adaptive's attempts are reported as steps too; the count is open-ended there (null).
    static StepCallback StepReports(IProgress<SamplerProgress> progress, int? steps) =>
        step => progress.Report(new SamplerProgress(step.Step + 1, steps));

    public Tensor EncodePrompt(FramePrompt prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        using var scope = DisposeScope.Begin();
        return scope.MoveToOuter(Condition(prompt).Cond);
    }

    Conditioning Condition(FramePrompt prompt) => Conditioning.FromWeighted(
        [.. prompt.Positive.Select(p => new WeightedEmbedding(_embeddings.Of(p.Text), p.Weight))],
        [.. prompt.Negative.Select(p => new WeightedEmbedding(_embeddings.Of(p.Text), p.Weight))],
        _embeddings.Of(prompt.Text), _embeddings.Of(""), _args.Scale, normalize: false); // the prompt layer already normalised

    /// <summary>c and uc each blended from the frame's prompt toward the window's target; a side both prompts share is kept as it is.</summary>
    Conditioning Blended(FramePrompt prompt, PromptWindow window)
    {
        var (from, to) = (Condition(prompt), Condition(window.Target));
        var c = prompt.SameCond(window.Target) ? from.Cond : ConditioningBlend.Blend(from.Cond, to.Cond, window.Weight, window.Method);
        var uc = prompt.SameUncond(window.Target) ? from.Uncond : ConditioningBlend.Blend(from.Uncond, to.Uncond, window.Weight, window.Method);
        return new Conditioning(c, uc, _args.Scale);
    }

    /// <summary>Frees the run's prompt embeddings.</summary>
    public void Dispose() => _embeddings.Dispose();

    /// <summary>load_img: RGB (RGBA with use_alpha_as_mask) resized to W×H with Lanczos, then [-1, 1] in float16 arithmetic.</summary>
    (Tensor? Init, Tensor? Alpha) LoadInit(string? initImage)
    {
        if (initImage is null) return (null, null);
        using var scope = DisposeScope.Begin();
        if (!_args.UseAlphaAsMask)
        {
            var rgb = ReadImage(initImage, "init_image", channels: 3); // [h, w, 3]
            return (scope.MoveToOuter(FrameConversions.SampleFromInitImage(rgb, (_args.W, _args.H)).To(Device)), null);
        }
        var rgba = ReadImage(initImage, "init_image", channels: 4); // [h, w, 4]
        var (init, alpha) = MaskPreparation.InitAndAlpha(rgba, _args.W, _args.H); // [1, 3, H, W], [H, W]
        return (scope.MoveToOuter(init.To(Device)), scope.MoveToOuter(alpha));
    }

    /// <summary>A local file or an http(s) URL, as Pillow opened them, converted to <paramref name="channels"/> → [H, W, C] uint8 on the CPU.</summary>
    static Tensor ReadImage(string source, string setting, int channels)
    {
        if (string.IsNullOrWhiteSpace(source))
            throw new ArgumentException($"{setting} is empty; set it to an image file or URL", nameof(source));
        ImageBuffer<byte> image;
        try
        {
            image = Uri.TryCreate(source, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? Download(uri) : ImageFile.Read(source);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or HttpRequestException or TaskCanceledException)
        {
            throw new FileNotFoundException($"{setting} '{source}' cannot be read ({e.Message}); point {setting} at an existing image file or a reachable URL", source, e);
        }
        return FrameConversions.FromImageBuffer(image, channels);
    }

    static ImageBuffer<byte> Download(Uri uri)
    {
        var path = Path.Combine(Path.GetTempPath(), $"deforum-{Guid.NewGuid():N}{Path.GetExtension(uri.AbsolutePath)}");
        try
        {
            File.WriteAllBytes(path, Http.GetByteArrayAsync(uri).GetAwaiter().GetResult());
            return ImageFile.Read(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
