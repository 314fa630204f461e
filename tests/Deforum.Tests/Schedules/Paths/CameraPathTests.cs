using Deforum.Schedules.Paths;
using Deforum.Settings;
using Xunit;

namespace Deforum.Tests.Schedules.Paths;

public class CameraPathTests
{
    [Fact]
    public void A_3D_orbit_facing_its_centre_is_one_constant_step_and_turn()
    {
        var orbit = CameraPath.Orbit(frames: 120, radius: 200);

        // 3° a frame to the left while stepping right along the 3° chord, seen from the turned camera
        Assert.Equal("0:(10.467191)", orbit["translation_x"]);
        Assert.Equal("0:(-0.274093)", orbit["translation_z"]);
        Assert.Equal("0:(-3)", orbit["rotation_3d_y"]);
        Assert.Equal(["0:(0)", "0:(0)", "0:(0)"], [orbit["translation_y"], orbit["rotation_3d_x"], orbit["rotation_3d_z"]]);
        Assert.Equal((AnimationModes.ThreeD, 120), (orbit.Mode, orbit.Frames));
    }

    [Fact]
    public void An_orbit_that_keeps_its_heading_writes_a_key_every_frame()
    {
        var orbit = CameraPath.Orbit(frames: 12, radius: 100, mode: "2D", faceCentre: false);

        Assert.Equal(12, orbit["translation_x"].Split(", ").Length);
        Assert.StartsWith("0:(-50), 1:(-50), 2:(-36.60254), ", orbit["translation_x"], StringComparison.Ordinal); // the picture moves opposite to the camera
        Assert.Equal("0:(0)", orbit["angle"]);
        Assert.Equal("0:(1)", orbit["zoom"]);
    }

    [Fact]
    public void A_linear_dolly_is_one_key_and_an_eased_one_starts_and_ends_slowly()
    {
        Assert.Equal("0:(1.005793)", CameraPath.Dolly(frames: 121, mode: "2D", zoom: 2, ease: Easing.Linear)["zoom"]);

        var eased = CameraPath.Dolly(frames: 61, distance: 600).Schedules.Single(s => s.Setting == "translation_z").Values;
        Assert.True(eased[1] < eased[30] / 10 && eased[60] < eased[30] / 10, "in-out: slow at both ends");
        Assert.Equal(eased[1], eased[0]);
        Assert.True(CameraPath.Dolly(61, distance: 600, ease: Easing.In).Schedules[2].Values is var inVals && inVals[1] < inVals[60]);
        Assert.True(CameraPath.Dolly(61, distance: 600, ease: Easing.Out).Schedules[2].Values is var outVals && outVals[1] > outVals[60]);
    }

    [Fact]
    public void A_spiral_zoom_turns_the_picture_as_it_pushes()
    {
        var spiral = CameraPath.SpiralZoom(frames: 73, turns: 0.5, mode: "2D", zoom: 3);

        Assert.Equal("0:(2.5)", spiral["angle"]);
        Assert.Equal("0:(1.015376)", spiral["zoom"]);
        var roll = CameraPath.SpiralZoom(frames: 73, turns: -0.5, distance: 720);
        Assert.Equal("0:(-2.5)", roll["rotation_3d_z"]);
        Assert.Equal("0:(10)", roll["translation_z"]);
    }

    [Fact]
    public void ApplyTo_sets_the_mode_the_frames_and_every_motion_schedule_and_keeps_the_rest()
    {
        var before = new AnimationSettings { AnimationMode = "2D", MaxFrames = 30, Zoom = "0:(1.04)", Angle = "0:(5)", StrengthSchedule = "0:(0.5)" };

        var after = CameraPath.Orbit(frames: 48, radius: 300).ApplyTo(before);

        Assert.Equal(("3D", 48), (after.AnimationMode, after.MaxFrames));
        Assert.Equal("0:(-7.5)", after.Rotation3DY);
        Assert.Equal("0:(0)", after.Rotation3DX);
        Assert.Equal(("0:(1.04)", "0:(5)", "0:(0.5)"), (after.Zoom, after.Angle, after.StrengthSchedule)); // 2D motion stays for 2D
        var twoD = CameraPath.FigureEight(frames: 40, width: 80, height: 40, mode: "2D").ApplyTo(before);
        Assert.Equal(("0:(0)", "0:(1)"), (twoD.Angle, twoD.Zoom));
    }

    [Fact]
    public void The_json_lines_paste_into_a_settings_file()
    {
        var path = CameraPath.SpiralZoom(frames: 24, turns: 1, mode: "2D", zoom: 1.5);
        var lines = path.ToJsonLines().Split('\n');

        Assert.Equal("    \"animation_mode\": \"2D\",", lines[0]);
        Assert.Equal("    \"max_frames\": 24,", lines[1]);
        Assert.Equal($"    \"translation_y\": \"{path["translation_y"]}\"", lines[^1]);
        var read = SettingsFile.Read("{\n" + path + "\n}").Settings.Animation;
        Assert.Equal(path.ApplyTo(new AnimationSettings()), read);
    }

    [Fact]
    public void An_unknown_schedule_name_lists_the_paths_schedules()
    {
        var e = Assert.Throws<KeyNotFoundException>(() => CameraPath.Orbit(12, 10, mode: "2D")["translation_z"]);
        Assert.Contains("angle, zoom, translation_x, translation_y", e.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, Func<PathSchedules>, string, string, string> BadArguments() => new()
    {
        { "no frames", () => CameraPath.Orbit(frames: 1, radius: 10), "frames", "1", "max_frames" },
        { "too many frames", () => CameraPath.Dolly(frames: 200_000, distance: 10), "frames", "200000", "lower frames" },
        { "negative radius", () => CameraPath.Orbit(frames: 60, radius: -2), "radius", "-2", "e.g. 200" },
        { "infinite radius", () => CameraPath.Orbit(frames: 60, radius: double.PositiveInfinity), "radius", "Infinity", "e.g. 200" },
        { "zero ellipse", () => CameraPath.Orbit(frames: 60, radius: 2, radiusAhead: 0), "radiusAhead", "0", "e.g. 200" },
        { "no turn", () => CameraPath.Orbit(frames: 60, radius: 2, turns: 0), "turns", "0", "give turns 1" },
        { "too fast", () => CameraPath.Orbit(frames: 10, radius: 2, turns: 4), "turns", "4", "at most 3 turns, or at least 12 frames" },
        { "bad mode", () => CameraPath.Orbit(frames: 60, radius: 2, mode: "3d"), "mode", "3d", "use one of: '2D', '3D'" },
        { "still figure-eight", () => CameraPath.FigureEight(frames: 60, width: 0, height: 0), "width", "0", "give a width and a height" },
        { "no loop", () => CameraPath.FigureEight(frames: 60, width: 5, height: 5, loops: 0), "loops", "0", "give loops 1" },
        { "2D without zoom", () => CameraPath.Dolly(frames: 60, mode: "2D"), "zoom", "none", "e.g. 2 to end twice as close" },
        { "2D given distance", () => CameraPath.Dolly(frames: 60, mode: "2D", zoom: 2, distance: 100), "distance", "100", "give zoom instead" },
        { "3D given zoom", () => CameraPath.SpiralZoom(frames: 60, zoom: 2, distance: 10), "zoom", "2", "give distance instead" },
        { "3D without distance", () => CameraPath.SpiralZoom(frames: 60), "distance", "none", "e.g. 400" },
        { "zero zoom", () => CameraPath.Dolly(frames: 60, mode: "2D", zoom: 0), "zoom", "0", "0.5 to pull out" },
        { "spinning spiral", () => CameraPath.SpiralZoom(frames: 9, turns: 5, distance: 10), "turns", "5", "at most 2.66 turns" },
        { "NaN turns", () => CameraPath.SpiralZoom(frames: 9, turns: double.NaN, distance: 10), "turns", "NaN", "-0.5" },
        { "undefined easing", () => CameraPath.Dolly(frames: 9, distance: 10, ease: (Easing)7), "ease", "7", "InOut" },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public void Bad_arguments_name_the_argument_the_value_and_the_fix(string what, Func<PathSchedules> make, string argument, string value, string fix)
    {
        var e = Assert.Throws<SettingsException>(make);

        var problem = Assert.Single(e.Problems);
        Assert.True(problem.Setting == argument, $"{what}: named {problem.Setting}");
        Assert.Equal(value, problem.BadText);
        Assert.Contains(fix, problem.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_bad_argument_is_reported_at_once()
    {
        var e = Assert.Throws<SettingsException>(() => CameraPath.Orbit(frames: 0, radius: 0, mode: "4D", radiusAhead: -1, turns: 0));

        Assert.Equal(["mode", "frames", "turns", "radius", "radiusAhead"], e.Problems.Select(p => p.Setting));
    }
}
