using System.Globalization;
using System.Text.Json;
using Deforum.Animation;
using Deforum.Media;
using Deforum.Models;
using Deforum.Planning;
using Deforum.Prompts;
using Deforum.Rendering;
using Deforum.Sampling;
using Deforum.Settings;
using Deforum.Testing;
using Deforum.Tests.Media;
using Deforum.Tests.Models.Clip;
using Deforum.Tests.Sampling;
using Deforum.Torch;
using Xunit;
using TinySd = Deforum.Tests.Models.TinyModel;

namespace Deforum.Tests.Rendering;

/// <summary>
/// The generation step on the tiny golden model: the recorded img2img runs from their init PNG, prompt text and seed
/// to the decoded image, and a whole 2D render through the real model.
/// </summary>
public sealed class StableDiffusionGeneratorTests : IDisposable
{
    const string Prompt = "a red apple";

    readonly Lazy<StableDiffusion> _model = new(() =>
        StableDiffusion.Load(TinySd.Config(), TinySd.SafetensorsPath, ClipTestVocabulary.Tokenizer(), TestDevice.Current));

    public static IEnumerable<object[]> Img2ImgCases => Golden.Cases("img2img_kdiffusion");

    static PreparedRun Prepare(string json) =>
        RunPreparation.Prepare(SettingsFile.Read(json).Settings, new RunContext(new DateTime(2022, 9, 3), new Random(0)));

    static GenerationRequest Request(PreparedRun run, Generator hostRandom, string prompt = Prompt, string negativePrompt = "") =>
        new(0, PromptResolver.Resolve(prompt, negativePrompt, 0, run.Settings.Generation, "prompt"), run.Settings.Generation.Seed,
            run.Settings.Generation.Strength, 0, null, run.Settings.Generation.InitImage, null,
            hostRandom.ManualSeed(run.Settings.Generation.Seed));

    /// <summary>Settings a case may carry (the prompt-weighting cases); absent ones keep the notebook's defaults.</summary>
    static readonly string[] OptionalCaseSettings = ["prompt_weighting", "normalize_prompt_weights"];

    [SkippableTheory, Trait("Category", "Parity")]
    [MemberData(nameof(Img2ImgCases))]
    public void Recorded_img2img_runs_from_png_prompt_and_seed_to_the_decoded_image(string id)
    {
        using var c = new CaseFile(id);
        Golden.RequireData(File.Exists(TinySd.SafetensorsPath), $"{TinySd.SafetensorsPath} missing");
        var settings = new Dictionary<string, object>
        {
            ["animation_mode"] = "None", ["W"] = c.Int("W"), ["H"] = c.Int("H"), ["seed"] = c.Seed, ["steps"] = c.Int("steps"),
            ["scale"] = c.Double("cfg_scale"), ["sampler"] = c.String("deforum_sampler_name"), ["use_init"] = true,
            ["init_image"] = c.FilePath("init_png"), ["strength"] = c.Double("strength"),
        };
        foreach (var name in OptionalCaseSettings.Where(c.Has))
            settings[name] = c.Bool(name);
        var run = Prepare(JsonSerializer.Serialize(settings));
        var generator = new StableDiffusionGenerator(_model.Value, run, c.KDiffusionVersion);
        using var hostRandom = new Generator(0);
        using var scope = DisposeScope.Begin();

        var image = generator.Generate(Request(run, hostRandom, c.String("prompt"), c.String("negative_prompt")), CancellationToken.None);

        GoldenAssert.Close(image, c.Read("image"), c.Tolerance("image"), $"{id} image");
    }

    [SkippableFact]
    public void A_2d_render_on_the_real_model_writes_every_frame_and_repeats_bit_for_bit()
    {
        Golden.RequireData(File.Exists(TinySd.SafetensorsPath), $"{TinySd.SafetensorsPath} missing");
        var run = Prepare("""
            { "W": 64, "H": 64, "animation_mode": "2D", "max_frames": 4, "diffusion_cadence": "2", "steps": 6,
              "sampler": "euler_ancestral", "strength_schedule": "0: (0.5)", "zoom": "0: (1.05)", "color_coherence": "Match Frame 0 RGB",
              "seed": 3, "seed_behavior": "iter", "prompts": { "0": "a red apple", "2": "a green pear --neg blurry" } }
            """);
        var plan = RenderPlanner.Plan(run);

        byte[][] Render()
        {
            using var folder = new TempFolder();
            var generator = new StableDiffusionGenerator(_model.Value, run);
            new AnimationRenderer(run, generator, new PngFolderSink(folder.Path)).Render(plan);
            Assert.Equal(RenderTests.FilesOf(plan), folder.Entries());
            return [.. plan.SavedFrames.Select(f => File.ReadAllBytes(folder.File(f.FileName!)))];
        }

        var first = Render();
        Assert.Equal(first, Render());
    }

    /// <summary>White keeps the init (every step pinned, then pasted back whole); black changes nothing.</summary>
    [SkippableFact]
    public void A_white_mask_keeps_the_init_and_a_black_mask_changes_nothing()
    {
        Golden.RequireData(File.Exists(TinySd.SafetensorsPath), $"{TinySd.SafetensorsPath} missing");
        var init = Path.Combine(RepoPaths.GoldenDir, "cases", "img2img", "init.png");
        using var folder = new TempFolder();
        string MaskFile(byte level)
        {
            var path = folder.File($"mask{level}.png");
            ImageFile.WritePng(path, new ImageBuffer<byte>(64, 64, 1, Enumerable.Repeat(level, 64 * 64).ToArray()));
            return path;
        }
        PreparedRun Run(string? mask) => Prepare($$"""
            { "animation_mode": "None", "W": 64, "H": 64, "steps": 4, "seed": 5, "sampler": "euler", "use_init": true, "strength": 0.3,
              "init_image": {{JsonSerializer.Serialize(init)}}, "use_mask": {{(mask is null ? "false" : "true")}},
              "mask_file": {{JsonSerializer.Serialize(mask ?? "")}} }
            """);
        using var hostRandom = new Generator(0);
        using var scope = DisposeScope.Begin();
        float[] Generate(PreparedRun run) =>
            new StableDiffusionGenerator(_model.Value, run).Generate(Request(run, hostRandom), CancellationToken.None).ToArray<float>();

        var unmasked = Generate(Run(null));
        var white = Generate(Run(MaskFile(255)));
        var black = Generate(Run(MaskFile(0)));

        var rgb = ImageChannels.Convert(ImageFile.Read(init), 3);
        var initSample = FrameConversions.SampleFromInitImage(Tensor.From<byte>(rgb.Pixels, [rgb.Height, rgb.Width, 3]));
        Assert.Equal(initSample.To(DType.Float32).ToArray<float>(), white);
        Assert.Equal(unmasked, black);
        Assert.NotEqual(unmasked, white);
    }

    /// <summary>use_alpha_as_mask: an opaque RGBA init keeps itself whole, like a white mask file.</summary>
    [SkippableFact]
    public void An_opaque_alpha_channel_masks_like_white()
    {
        Golden.RequireData(File.Exists(TinySd.SafetensorsPath), $"{TinySd.SafetensorsPath} missing");
        var rgb = ImageChannels.Convert(ImageFile.Read(Path.Combine(RepoPaths.GoldenDir, "cases", "img2img", "init.png")), 3);
        using var folder = new TempFolder();
        var rgbaPath = folder.File("init-rgba.png");
        ImageFile.WritePng(rgbaPath, ImageChannels.Convert(rgb, 4));
        var run = Prepare($$"""
            { "animation_mode": "None", "W": 64, "H": 64, "steps": 4, "seed": 5, "sampler": "euler", "use_init": true, "strength": 0.3,
              "init_image": {{JsonSerializer.Serialize(rgbaPath)}}, "use_mask": true, "use_alpha_as_mask": true }
            """);
        using var hostRandom = new Generator(0);
        using var scope = DisposeScope.Begin();

        var image = new StableDiffusionGenerator(_model.Value, run).Generate(Request(run, hostRandom), CancellationToken.None);

        var initSample = FrameConversions.SampleFromInitImage(Tensor.From<byte>(rgb.Pixels, [rgb.Height, rgb.Width, 3]));
        Assert.Equal(initSample.To(DType.Float32).ToArray<float>(), image.ToArray<float>());
    }

    [SkippableTheory]
    [InlineData("euler", "x0_pred")]
    [InlineData("ddim", "x")]
    public void Save_sample_per_step_writes_each_steps_decoded_estimate(string sampler, string kind)
    {
        Golden.RequireData(File.Exists(TinySd.SafetensorsPath), $"{TinySd.SafetensorsPath} missing");
        using var folder = new TempFolder();
        var run = Prepare($$"""
            { "animation_mode": "None", "W": 64, "H": 64, "steps": 3, "seed": 4, "sampler": "{{sampler}}", "save_sample_per_step": true,
              "outdir": {{JsonSerializer.Serialize(folder.Path)}} }
            """);
        using var hostRandom = new Generator(0);
        using var scope = DisposeScope.Begin();

        new StableDiffusionGenerator(_model.Value, run).Generate(Request(run, hostRandom), CancellationToken.None);

        var steps = Path.Combine(folder.Path, $"{run.Settings.Generation.Timestring}_00_4");
        Assert.Equal(Enumerable.Range(0, 3).Select(i => $"{kind}_{i:D5}.png"), Directory.EnumerateFiles(steps).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.All(Directory.EnumerateFiles(steps), f => Assert.Equal((64, 64), (ImageFile.Read(f).Width, ImageFile.Read(f).Height)));
    }

    /// <summary>Every sampler reports each finished step, from 1, with the count Generation.ReportedSteps predicts.</summary>
    [SkippableTheory]
    [InlineData("klms", 0.0)]
    [InlineData("euler_ancestral", 0.5)]
    [InlineData("ddim", 0.5)]
    [InlineData("plms", 0.0)]
    [InlineData("dpm_fast", 0.0)]
    [InlineData("dpm_fast", 0.5)]
    [InlineData("dpmpp_2s_a", 0.25)]
    [InlineData("dpm_adaptive", 0.0)]
    public void Each_sampler_step_is_reported_as_it_finishes(string sampler, double strength)
    {
        Golden.RequireData(File.Exists(TinySd.SafetensorsPath), $"{TinySd.SafetensorsPath} missing");
        var init = Path.Combine(RepoPaths.GoldenDir, "cases", "img2img", "init.png");
        var run = Prepare($$"""
            { "animation_mode": "None", "W": 64, "H": 64, "steps": 7, "seed": 2, "sampler": "{{sampler}}", "use_init": {{(strength > 0 ? "true" : "false")}},
              "init_image": {{JsonSerializer.Serialize(init)}}, "strength": {{strength.ToString(CultureInfo.InvariantCulture)}} }
            """);
        var reports = new List<SamplerProgress>();
        using var hostRandom = new Generator(0);
        using var scope = DisposeScope.Begin();

        new StableDiffusionGenerator(_model.Value, run).Generate(Request(run, hostRandom) with { StepProgress = new InlineProgress<SamplerProgress>(reports.Add) }, CancellationToken.None);

        var settings = new SamplerSettings { Sampler = SamplerNames.Parse(sampler), Steps = 7 }.ForRun(strength > 0, isAnimation: false);
        int? expected = Generation.ReportedSteps(settings, strength);
        Assert.NotEmpty(reports);
        Assert.Equal(Enumerable.Range(1, reports.Count), reports.Select(r => r.Step));
        Assert.All(reports, r => Assert.Equal(expected, r.Steps));
        if (expected is { } n) Assert.Equal(n, reports.Count);
    }

    [SkippableFact]
    public void Missing_init_image_names_the_setting_and_the_fix()
    {
        Golden.RequireData(File.Exists(TinySd.SafetensorsPath), $"{TinySd.SafetensorsPath} missing");
        var run = Prepare("""{ "animation_mode": "None", "W": 64, "H": 64, "steps": 2, "seed": 1, "use_init": true, "init_image": "no/such/file.png", "strength": 0.5 }""");
        var generator = new StableDiffusionGenerator(_model.Value, run);
        using var hostRandom = new Generator(0);

        var e = Assert.Throws<FileNotFoundException>(() => generator.Generate(Request(run, hostRandom), CancellationToken.None));

        Assert.Contains("init_image 'no/such/file.png'", e.Message, StringComparison.Ordinal);
        Assert.Contains("point init_image at an existing image file", e.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Missing_mask_file_names_the_setting()
    {
        Golden.RequireData(File.Exists(TinySd.SafetensorsPath), $"{TinySd.SafetensorsPath} missing");
        var init = Path.Combine(RepoPaths.GoldenDir, "cases", "img2img", "init.png");
        var run = Prepare($$"""
            { "animation_mode": "None", "W": 64, "H": 64, "steps": 2, "seed": 1, "use_init": true, "strength": 0.5,
              "init_image": {{JsonSerializer.Serialize(init)}}, "use_mask": true, "mask_file": "no/such/mask.png" }
            """);
        var generator = new StableDiffusionGenerator(_model.Value, run);
        using var hostRandom = new Generator(0);

        var e = Assert.Throws<FileNotFoundException>(() => generator.Generate(Request(run, hostRandom), CancellationToken.None));

        Assert.Contains("mask_file 'no/such/mask.png'", e.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (_model.IsValueCreated) _model.Value.Dispose();
    }
}
