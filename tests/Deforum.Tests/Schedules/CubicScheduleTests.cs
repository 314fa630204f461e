using System.Globalization;
using Deforum.Schedules;
using Deforum.Settings;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace Deforum.Tests.Schedules;

/// <summary>keyframe_interpolation "Cubic": a natural spline through the points the linear fill joins (the numbers against scipy are in ScheduleGoldenTests).</summary>
public class CubicScheduleTests
{
    const int MaxFrames = 40;

    /// <summary>
    /// <paramref name="min"/> … <paramref name="max"/> distinct frames of 0 … <paramref name="range"/>−1 in any order. The
    /// count is drawn, never filtered for: a filter that rarely passes (two of sixty) makes FsCheck retry for ever.
    /// </summary>
    static Gen<int[]> FramesGen(int range, int min, int max) =>
        from n in Gen.Choose(min, max)
        from all in Gen.Shuffle(Enumerable.Range(0, range).ToArray())
        select all[..n];

    /// <summary>1 … <paramref name="maxKeys"/> distinct keys anywhere in 0 … 59 (some beyond max_frames), in any order, with values on a 0.01 grid.</summary>
    static Gen<(int Frame, double Value)[]> KeysGen(int maxKeys = 60) =>
        from frames in FramesGen(60, 1, maxKeys)
        from values in Gen.ArrayOf(Gen.Choose(-500, 500).Select(v => v / 100.0), frames.Length)
        select frames.Select((f, i) => (f, values[i])).ToArray();

    static string Format(IEnumerable<(int Frame, double Value)> keys) =>
        string.Join(", ", keys.Select(k => $"{k.Frame}:({k.Value.ToString("R", CultureInfo.InvariantCulture)})"));

    static double[] Expand(string text, KeyframeCurve curve, int maxFrames = MaxFrames) =>
        KeyframeSchedule.Parse("zoom", text).Expand(maxFrames, curve: curve);

    [Fact]
    public void Passes_through_every_keyframe_the_linear_fill_passes_through() =>
        Prop.ForAll(KeysGen().ToArbitrary(), keys =>
        {
            var linear = Expand(Format(keys), KeyframeCurve.Linear);
            var cubic = Expand(Format(keys), KeyframeCurve.Cubic);
            // the keys the run reaches, and what the 0.4 end rules put on the first and last frame
            var reached = keys.Select(k => k.Frame).Where(f => f < MaxFrames).Append(0).Append(MaxFrames - 1);
            return reached.All(f => cubic[f] == linear[f]);
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Two_keys_give_exactly_the_linear_fill_and_one_key_a_constant() =>
        Prop.ForAll(KeysGen(maxKeys: 2).ToArbitrary(), keys =>
        {
            var cubic = Expand(Format(keys), KeyframeCurve.Cubic);
            return cubic.SequenceEqual(Expand(Format(keys), KeyframeCurve.Linear))
                && (keys.Length == 2 || cubic.All(v => v == keys[0].Value));
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Keys_on_one_straight_line_give_that_line() =>
        Prop.ForAll(FramesGen(MaxFrames, 3, MaxFrames).ToArbitrary(), frames =>
        {
            var cubic = Expand(Format(frames.Select(f => (f, 2.0 * f - 7))), KeyframeCurve.Cubic);
            return Enumerable.Range(frames.Min(), frames.Max() - frames.Min() + 1).All(f => cubic[f] == 2.0 * f - 7);
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Frames_before_the_first_key_and_after_the_last_hold_their_values()
    {
        var cubic = Expand("10:(1), 20:(3), 30:(0)", KeyframeCurve.Cubic);

        Assert.All(cubic[..10], v => Assert.Equal(1, v));
        Assert.All(cubic[30..], v => Assert.Equal(0, v));
        // a spline, not the straight lines: above the line through (10, 1) and (20, 3) before the peak key
        Assert.True(cubic[15] > 2, $"{cubic[15]}");
    }

    [Fact]
    public void A_smooth_curve_overshoots_where_the_straight_lines_turn()
    {
        var cubic = Expand("0:(0), 10:(1), 20:(1), 30:(0)", KeyframeCurve.Cubic);

        Assert.True(cubic[15] > 1, "the spline rises above the flat part between two equal keys");
    }

    [Fact]
    public void Expression_keys_are_evaluated_per_frame_as_in_the_linear_mode()
    {
        const string text = "0:(0), 10:(sin(t)), 20:(5)";
        var linear = Expand(text, KeyframeCurve.Linear);
        var cubic = Expand(text, KeyframeCurve.Cubic);

        Assert.Equal(linear[10..20], cubic[10..20]);
        Assert.NotEqual(linear[1..10], cubic[1..10]);
    }

    [Fact]
    public void The_curve_of_each_schedule_is_its_own_entry_else_the_global_setting()
    {
        var a = new AnimationSettings { KeyframeInterpolation = "Cubic", ScheduleInterpolation = new() { ["angle"] = "Linear" } };

        Assert.Equal(KeyframeCurve.Cubic, KeyframeCurves.For(a, "zoom"));
        Assert.Equal(KeyframeCurve.Linear, KeyframeCurves.For(a, "angle"));
        Assert.Equal(KeyframeCurve.Linear, KeyframeCurves.For(new AnimationSettings(), "zoom"));
    }

    [Fact]
    public void A_bad_curve_names_its_setting_the_value_and_the_choices()
    {
        var e = Assert.Throws<SettingsException>(() => KeyframeCurves.For(new AnimationSettings { ScheduleInterpolation = new() { ["zoom"] = "cubic" } }, "zoom"));

        var problem = Assert.Single(e.Problems);
        Assert.Equal(("schedule_interpolation", "cubic"), (problem.Setting, problem.BadText));
        Assert.Contains("did you mean 'Cubic'", problem.Message, StringComparison.Ordinal);
        Assert.Contains("'Linear', 'Cubic'", problem.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_expands_each_schedule_with_its_curve()
    {
        var a = new AnimationSettings
        {
            Zoom = "0:(1), 10:(1.2), 20:(1)", Angle = "0:(0), 10:(2), 20:(0)",
            ScheduleInterpolation = new() { ["zoom"] = "Cubic" },
        };

        var s = AnimationSchedules.Build(a, 30, seed: 0);

        Assert.Equal(Expand(a.Zoom, KeyframeCurve.Cubic, 30), s.Zoom);
        Assert.Equal(Expand(a.Angle, KeyframeCurve.Linear, 30), s.Angle);
    }
}
