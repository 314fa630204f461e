using Deforum.Planning;
using Deforum.Settings;
using Xunit;

namespace Deforum.Tests.Planning;

/// <summary>The Run cell's adjustments (settings.md §8.8).</summary>
public class RunPreparationTests
{
    static readonly RunContext Context = new(new DateTime(2024, 1, 1, 12, 0, 0), new Random(5));

    static PreparedRun Prepare(Func<GenerationSettings, GenerationSettings> g, string mode = "None")
    {
        var s = new DeforumSettings();
        return RunPreparation.Prepare(s with { Generation = g(s.Generation), Animation = s.Animation with { AnimationMode = mode } }, Context);
    }

    [Fact]
    public void Width_and_height_are_rounded_down_to_64_and_reported()
    {
        var run = Prepare(g => g with { W = 500, H = 700 });
        Assert.Equal((448, 640), (run.Settings.Generation.W, run.Settings.Generation.H));
        Assert.Contains(run.Notices, n => n.Setting == "W/H" && n.Message.Contains("448x640", StringComparison.Ordinal));
    }

    [Fact]
    public void Strength_is_clamped_and_seed_minus_one_is_drawn()
    {
        var run = Prepare(g => g with { Strength = 1.5, Seed = -1 });
        Assert.Equal(1, run.Settings.Generation.Strength);
        Assert.InRange(run.Settings.Generation.Seed, 0, uint.MaxValue);
        Assert.Contains(run.Notices, n => n.Setting == "seed");
        Assert.Equal("20240101120000", run.Settings.Generation.Timestring);
    }

    [Fact]
    public void Plms_becomes_klms_in_animation_and_eta_is_zero_outside_ddim()
    {
        var run = Prepare(g => g with { Sampler = "plms", DdimEta = 0.5 }, "2D");
        Assert.Equal(("klms", 0.0), (run.Settings.Generation.Sampler, run.Settings.Generation.DdimEta));
        Assert.Equal(0.5, Prepare(g => g with { Sampler = "ddim", DdimEta = 0.5 }).Settings.Generation.DdimEta);
        Assert.Equal("plms", Prepare(g => g with { Sampler = "plms" }).Settings.Generation.Sampler);
    }

    [Theory]
    [InlineData("dpm_fast")]
    [InlineData("dpm_adaptive")]
    public void Deforum_0_6_dpm_solver_samplers_are_accepted(string sampler)
    {
        Assert.Equal(sampler, Prepare(g => g with { Sampler = sampler }, "2D").Settings.Generation.Sampler);
        Assert.Equal(sampler, Prepare(g => g with { Sampler = sampler }).Settings.Generation.Sampler);
    }

    [Fact]
    public void Init_image_is_dropped_without_use_init_and_none_mode_has_one_frame()
    {
        var run = Prepare(g => g);
        Assert.Null(run.Settings.Generation.InitImage);
        Assert.Equal(1, run.Settings.Animation.MaxFrames);
        Assert.Null(run.Schedules);
    }

    [Fact]
    public void Animation_modes_build_every_schedule_and_interpolation_fixes_the_seed()
    {
        var run = Prepare(g => g, "3D");
        Assert.Equal(1000, run.Schedules!.TranslationZ.Length);
        Assert.Equal("fixed", Prepare(g => g, "Interpolation").Settings.Generation.SeedBehavior);
    }

    [Fact]
    public void Outdir_is_computed_from_output_path_month_and_batch_name_unless_the_file_set_it()
    {
        Assert.Equal(Path.Combine("/content/output", "2024-01", "StableFun"), Prepare(g => g).Settings.Generation.Outdir);
        Assert.Equal("/old/run", Prepare(g => g with { Outdir = "/old/run" }).Settings.Generation.Outdir);
    }

    [Fact]
    public void Video_input_with_strength_zero_warns_that_the_video_is_ignored()
    {
        var s = new DeforumSettings();
        var run = RunPreparation.Prepare(s with { Animation = s.Animation with { AnimationMode = "Video Input" } }, Context with { ExtractedVideoFrames = 3 });
        Assert.Contains(run.Notices, n => n.Setting == "strength" && n.Message.Contains("ignored", StringComparison.Ordinal));
    }

    [Fact]
    public void Scale_one_is_reported_as_no_guidance() =>
        Assert.Contains(Prepare(g => g with { Scale = 1 }).Notices, n => n.Setting == "scale");
}
