using Deforum.Schedules.Paths;
using Deforum.Settings;
using Xunit;

namespace Deforum.Cli.Tests;

/// <summary>`deforum path …`: the lines it prints, the files it writes, and its teaching errors.</summary>
public sealed class PathCommandTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("deforum-path-").FullName;

    static Task<(int Code, string Out, string Err)> Deforum(params string[] args) => InProcessCli.RunAsync(args);

    const string Base = """
        {
            "W": 64,
            "H": 64,
            "seed": 7,
            "animation_mode": "2D",
            "max_frames": 10,
            "zoom": "0:(1.04)",
            "use_depth_warping": false,
            "strength_schedule": "0: (0.5)",
            "my_own_key": [1, "ü"],
            "prompts": { "0": "a lighthouse at dusk" }
        }
        """;

    string File_(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task Orbit_prints_settings_lines_that_read_back_as_the_library_path()
    {
        var (code, stdout, stderr) = await Deforum("path", "orbit", "--frames", "120", "--radius", "200", "--radius-ahead", "150");

        Assert.True(code == 0, stderr);
        var read = SettingsFile.Read("{\n" + stdout + "}").Settings.Animation;
        Assert.Equal(CameraPath.Orbit(120, 200, radiusAhead: 150).ApplyTo(new AnimationSettings()), read);
        Assert.StartsWith("    \"animation_mode\": \"3D\",", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("figure-eight", "--width", "80", "--height", "40", "--mode", "2D")]
    [InlineData("dolly", "--distance", "300", "--ease", "out")]
    [InlineData("spiral", "--mode", "2D", "--zoom", "2", "--turns", "-0.5")]
    public async Task Every_path_prints_what_the_library_writes(string kind, params string[] options)
    {
        var (code, stdout, stderr) = await Deforum(["path", kind, "--frames", "48", .. options]);

        Assert.True(code == 0, stderr);
        var expected = kind switch
        {
            "figure-eight" => CameraPath.FigureEight(48, 80, 40, "2D"),
            "dolly" => CameraPath.Dolly(48, distance: 300, ease: Easing.Out),
            _ => CameraPath.SpiralZoom(48, -0.5, "2D", zoom: 2),
        };
        Assert.Equal(expected.ToJsonLines(), stdout.TrimEnd('\n'));
    }

    [Fact]
    public async Task Merge_writes_the_path_into_the_file_in_place_and_keeps_everything_else()
    {
        var settings = File_("base_settings.txt", Base);

        var (code, stdout, stderr) = await Deforum("path", "orbit", "--frames", "24", "--radius", "300", "--merge", settings);

        Assert.True(code == 0, stderr);
        Assert.Contains("(animation_mode 2D → 3D, max_frames 10 → 24)", stdout, StringComparison.Ordinal);
        var loaded = SettingsFile.Load(settings);
        Assert.Equal(CameraPath.Orbit(24, 300).ApplyTo(new AnimationSettings { Zoom = "0:(1.04)", StrengthSchedule = "0: (0.5)", UseDepthWarping = false }),
            loaded.Settings.Animation);
        Assert.Equal((64, 7L), (loaded.Settings.Generation.W, loaded.Settings.Generation.Seed));
        Assert.True(loaded.UnknownKeys.ContainsKey("my_own_key"));
        Assert.Equal(["base_settings.txt"], Directory.GetFiles(_dir).Select(Path.GetFileName));
        // the key the file had keeps its place; the new ones follow the file's keys
        var text = File.ReadAllText(settings);
        Assert.Contains("\"ü\"", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("\"max_frames\"", StringComparison.Ordinal) < text.IndexOf("\"prompts\"", StringComparison.Ordinal));
        Assert.True(text.IndexOf("\"prompts\"", StringComparison.Ordinal) < text.IndexOf("\"rotation_3d_y\"", StringComparison.Ordinal));

        var (planCode, plan, planErr) = await Deforum("run", settings, "--plan");
        Assert.True(planCode == 0, planErr);
        Assert.Contains("3D plan", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Output_writes_the_merge_elsewhere_or_the_path_alone()
    {
        var settings = File_("base_settings.txt", Base);
        var merged = Path.Combine(_dir, "orbit_settings.txt");
        var alone = Path.Combine(_dir, "dolly.txt");

        var (code, _, stderr) = await Deforum("path", "spiral", "--frames", "30", "--mode", "2D", "--zoom", "1.5", "--merge", settings, "--output", merged);
        var (code2, _, stderr2) = await Deforum("path", "dolly", "--frames", "30", "--distance", "100", "--output", alone);

        Assert.True(code == 0 && code2 == 0, stderr + stderr2);
        Assert.Equal(Base, File.ReadAllText(settings));
        Assert.Equal(CameraPath.SpiralZoom(30, 1, "2D", zoom: 1.5)["zoom"], SettingsFile.Load(merged).Settings.Animation.Zoom);
        Assert.Equal(CameraPath.Dolly(30, distance: 100).ToSettingsJson(), File.ReadAllText(alone));
    }

    [Theory]
    [InlineData("--radius: must be above 0", "orbit", "--frames", "60", "--radius", "-2")]
    [InlineData("--radius-ahead: must be above 0", "orbit", "--frames", "60", "--radius", "2", "--radius-ahead", "0")]
    [InlineData("--frames: a camera path needs at least 2 frames (found '1'); fix: give the run's max_frames", "orbit", "--frames", "1", "--radius", "2")]
    [InlineData("--mode: '4D' is not an accepted value", "orbit", "--frames", "60", "--radius", "2", "--mode", "4D")]
    [InlineData("--turns: 21 in 60 frames is fewer than 3 frames a turn (found '21'); fix: use at most 20 turns, or at least 63 frames", "orbit", "--frames", "60", "--radius", "2", "--turns", "21")]
    [InlineData("--ease: is not an easing (found 'fast'); fix: use linear, in, out or in-out", "dolly", "--frames", "60", "--distance", "9", "--ease", "fast")]
    [InlineData("--zoom: a 2D picture zooms: say how far with zoom", "dolly", "--frames", "60", "--mode", "2D")]
    [InlineData("--distance: a 2D picture zooms by zoom, not by distance (found '5')", "spiral", "--frames", "60", "--mode", "2D", "--zoom", "2", "--distance", "5")]
    [InlineData("--loops: a loop must go round at least once", "figure-eight", "--frames", "60", "--width", "5", "--height", "5", "--loops", "0")]
    public async Task Bad_arguments_name_the_option_the_value_and_the_fix(string message, params string[] args)
    {
        var (code, stdout, stderr) = await Deforum(["path", .. args]);

        Assert.Equal(2, code);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        Assert.Empty(stdout);
    }

    [Fact]
    public async Task A_missing_or_unparsable_option_is_named_by_the_parser()
    {
        var (code, _, stderr) = await Deforum("path", "orbit", "--frames", "sixty");

        Assert.NotEqual(0, code);
        Assert.Contains("sixty", stderr, StringComparison.Ordinal);
        Assert.Contains("--radius", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_merge_into_a_file_that_is_not_settings_changes_nothing()
    {
        var broken = File_("broken_settings.txt", "{ \"W\": 64, }");
        var wrongType = File_("typed_settings.txt", """{ "W": "wide" }""");

        var (code, _, stderr) = await Deforum("path", "orbit", "--frames", "60", "--radius", "2", "--merge", broken);
        var (code2, _, stderr2) = await Deforum("path", "orbit", "--frames", "60", "--radius", "2", "--merge", wrongType);
        var (code3, _, stderr3) = await Deforum("path", "orbit", "--frames", "60", "--radius", "2", "--merge", Path.Combine(_dir, "none.txt"));

        Assert.Equal((2, 2, 1), (code, code2, code3));
        Assert.Contains("not valid JSON", stderr, StringComparison.Ordinal);
        Assert.Contains("W: expected a whole number (found '\"wide\"')", stderr2, StringComparison.Ordinal);
        Assert.Contains("none.txt", stderr3, StringComparison.Ordinal);
        Assert.Equal("{ \"W\": 64, }", File.ReadAllText(broken));
        Assert.Equal(["broken_settings.txt", "typed_settings.txt"], Directory.GetFiles(_dir).Select(Path.GetFileName).Order());
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
