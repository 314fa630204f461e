using Deforum.Planning;
using Deforum.Settings;
using Xunit;

namespace Deforum.Tests.Settings;

/// <summary>noise_type / perlin_* (the web-UI extension's) and perlin_init / perlin_mode (Disco Diffusion's) as settings.</summary>
public class PerlinSettingsTests
{
    static readonly RunContext Context = new(new DateTime(2024, 1, 1, 12, 0, 0), new Random(1), ExtractedVideoFrames: 4);

    static DeforumSettings Run(string mode = AnimationModes.TwoD, Func<AnimationSettings, AnimationSettings>? a = null,
        Func<GenerationSettings, GenerationSettings>? g = null)
    {
        var s = new DeforumSettings();
        return s with
        {
            Generation = (g ?? (x => x))(s.Generation with { W = 512, H = 512, Seed = 3 }),
            Animation = (a ?? (x => x))(s.Animation with { AnimationMode = mode, MaxFrames = 3 }),
        };
    }

    static DeforumSettings Perlin(double w = 8, double h = 8, int octaves = 4, int width = 512, int height = 512, string mode = AnimationModes.TwoD) =>
        Run(mode, a => a with { NoiseType = NoiseTypes.Perlin, PerlinW = w, PerlinH = h, PerlinOctaves = octaves }, g => g with { W = width, H = height });

    static SettingProblem Refused(DeforumSettings settings, string setting)
    {
        var e = Assert.Throws<SettingsException>(() => RunPreparation.Prepare(settings, Context));
        return Assert.Single(e.Problems, p => p.Setting == setting);
    }

    [Fact]
    public void Both_are_off_by_default_and_absent_keys_keep_them_off()
    {
        var read = SettingsFile.Read("""{ "animation_mode": "2D", "W": 512 }""").Settings;
        Assert.Equal((NoiseTypes.Uniform, 8.0, 8.0, 4, 0.5), (read.Animation.NoiseType, read.Animation.PerlinW, read.Animation.PerlinH, read.Animation.PerlinOctaves, read.Animation.PerlinPersistence));
        Assert.Equal((false, "mixed"), (read.Generation.PerlinInit, read.Generation.PerlinMode));
    }

    [Fact]
    public void The_extensions_and_discos_keys_round_trip_through_the_settings_file()
    {
        var json = """
            { "animation_mode": "2D", "noise_type": "perlin", "perlin_w": 4.5, "perlin_h": 2, "perlin_octaves": 3,
              "perlin_persistence": 0.3, "perlin_init": true, "perlin_mode": "gray" }
            """;
        var written = SettingsFile.Write(SettingsFile.Read(json).Settings);
        var again = SettingsFile.Read(written).Settings;
        Assert.Equal((NoiseTypes.Perlin, 4.5, 2.0, 3, 0.3), (again.Animation.NoiseType, again.Animation.PerlinW, again.Animation.PerlinH, again.Animation.PerlinOctaves, again.Animation.PerlinPersistence));
        Assert.Equal((true, "gray"), (again.Generation.PerlinInit, again.Generation.PerlinMode));
        foreach (var key in new[] { "noise_type", "perlin_w", "perlin_h", "perlin_octaves", "perlin_persistence", "perlin_init", "perlin_mode" })
            Assert.Contains($"\"{key}\"", written, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_noise_type_is_refused_with_the_accepted_ones()
    {
        var p = Refused(Run(a: a => a with { NoiseType = "Perlin" }), "noise_type");
        Assert.Contains("did you mean 'perlin'", p.Message, StringComparison.Ordinal);
        Assert.Contains("'uniform', 'perlin'", p.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_perlin_mode_is_refused_with_discos_values()
    {
        var p = Refused(Run(g: g => g with { PerlinInit = true, PerlinMode = "grey" }), "perlin_mode");
        Assert.Equal("grey", p.BadText);
        Assert.Contains("'mixed', 'color', 'gray'", p.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Cells_that_do_not_divide_the_height_name_perlin_w_and_the_counts_that_fit()
    {
        var p = Refused(Perlin(w: 3), "perlin_w");
        Assert.Equal("3", p.BadText);
        Assert.Contains("512 pixels down the frame (H)", p.Message, StringComparison.Ordinal);
        Assert.Contains("such as 1, 2, 4, 8, 16", p.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Perlin_h_counts_cells_across_the_width()
    {
        RunPreparation.Prepare(Perlin(w: 8, h: 3, octaves: 1, width: 576), Context); // 576 = 3 · 192
        var p = Refused(Perlin(w: 3, h: 8, octaves: 1, width: 576), "perlin_w");
        Assert.Contains("(H)", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_many_octaves_name_perlin_octaves_and_how_many_fit()
    {
        var p = Refused(Perlin(w: 8, h: 1, octaves: 8), "perlin_octaves"); // 8 · 2⁷ = 1024 cells in 512 pixels
        Assert.Equal("8", p.BadText);
        Assert.Contains("set perlin_octaves to 7 or fewer", p.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(-2)]
    [InlineData(double.NaN)]
    public void Fewer_than_one_cell_is_refused(double value)
    {
        var p = Refused(Perlin(h: value), "perlin_h");
        Assert.Contains("divides by zero", p.Message, StringComparison.Ordinal);
        Assert.Contains("divides 512 (W)", p.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Negative_octaves_and_a_non_finite_persistence_are_refused()
    {
        Refused(Perlin(octaves: -1), "perlin_octaves");
        Refused(Run(a: a => a with { NoiseType = NoiseTypes.Perlin, PerlinPersistence = double.PositiveInfinity }), "perlin_persistence");
    }

    [Fact]
    public void No_octaves_never_build_the_grid_so_any_cell_count_renders() => RunPreparation.Prepare(Perlin(w: 0.5, h: 3, octaves: 0), Context);

    [Fact]
    public void The_grid_is_only_checked_where_frames_are_noised()
    {
        RunPreparation.Prepare(Run(a: a => a with { PerlinW = 3 }), Context); // uniform noise: perlin_w unused
        var run = RunPreparation.Prepare(Perlin(w: 3, mode: AnimationModes.VideoInput), Context);
        Assert.Contains(run.Notices, n => n.Setting == "noise_type" && n.Message.Contains("Video Input", StringComparison.Ordinal));
    }

    [Fact]
    public void A_fractional_cell_count_is_used_truncated_and_says_so()
    {
        var run = RunPreparation.Prepare(Perlin(w: 8.9), Context);
        var n = Assert.Single(run.Notices, x => x.Setting == "perlin_w");
        Assert.Contains("8.9 is used as 8", n.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Perlin_init_replaces_init_image_and_needs_none()
    {
        var run = RunPreparation.Prepare(Run(g: g => g with { PerlinInit = true, UseInit = true, InitImage = "", Strength = 0.3 }), Context);
        Assert.Contains(run.Notices, n => n.Setting == "perlin_init" && n.Message.Contains("replaces init_image", StringComparison.Ordinal));
    }

    [Fact]
    public void Perlin_init_says_when_it_does_nothing_or_keeps_nothing()
    {
        var video = RunPreparation.Prepare(Run(AnimationModes.VideoInput, g: g => g with { PerlinInit = true }), Context);
        Assert.Contains(video.Notices, n => n.Setting == "perlin_init" && n.Message.Contains("no effect in Video Input", StringComparison.Ordinal));
        var zero = RunPreparation.Prepare(Run(g: g => g with { PerlinInit = true, Strength = 0 }), Context);
        Assert.Contains(zero.Notices, n => n.Setting == "strength" && n.Message.Contains("skip_steps", StringComparison.Ordinal));
    }

    [Fact]
    public void A_still_batch_with_perlin_init_cannot_use_plms()
    {
        var run = RunPreparation.Prepare(Run(AnimationModes.None, g: g => g with { PerlinInit = true, Sampler = "plms" }), Context);
        Assert.Equal("klms", run.Settings.Generation.Sampler);
    }
}
