using Deforum.Schedules;
using Deforum.Settings;
using Xunit;

namespace Deforum.Tests.Schedules;

public class KeyframeScheduleTests
{
    static double[] Expand(string text, int maxFrames, double seed = 0) =>
        KeyframeSchedule.Parse("zoom", text).Expand(maxFrames, seed);

    static void AssertSeries(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-12 * Math.Max(1, Math.Abs(expected[i])),
                $"frame {i}: expected {expected[i]}, got {actual[i]}");
    }

    [Fact]
    public void Holds_constant_before_first_key_and_ramps_between_keys() =>
        AssertSeries([1, 1, 1, 1, 1, 1, 4.0 / 3, 5.0 / 3, 2, 2], Expand("5:(1), 8:(2)", 10));

    [Fact]
    public void Key_beyond_max_frames_compresses_the_ramp_as_in_0_4()
    {
        var series = Expand("0:(1), 50:(2)", 10);
        AssertSeries([.. Enumerable.Range(0, 10).Select(i => 1 + i / 9.0)], series);
    }

    [Fact]
    public void Expression_key_is_evaluated_per_frame_until_next_key() =>
        AssertSeries([0, 1, 2, 0, 1, 2, 2.75, 3.5, 4, 4.5], Expand("0:(t%3), 5:(2), 7:(t/2)", 10));

    [Fact]
    public void Comparison_results_become_one_and_zero() =>
        AssertSeries([0, 0, 0, 0, 1, 1], Expand("0:(t>3)", 6));

    [Fact]
    public void Default_translation_x_expression_matches_the_notebook_formula()
    {
        var series = Expand("0:(10*sin(2*3.14*t/10))", 12);
        for (int t = 0; t < 12; t++)
            Assert.Equal(10 * Math.Sin(2 * 3.14 * t / 10), series[t], 12);
    }

    [Fact]
    public void Extension_variables_max_f_and_s_are_available() =>
        AssertSeries([7, 8, 9, 10], Expand("0:(s + max_f + t - 3)", 4, seed: 7));

    [Fact]
    public void Plain_numbers_with_spaces_or_exponents_interpolate_like_0_4_float() =>
        AssertSeries([0, 0.0005, 0.001], Expand("0:( 0 ), 2:(1e-3 )", 3));

    [Fact]
    public void Nested_parentheses_and_comma_inside_a_call_are_one_value() =>
        AssertSeries([0, 0, 0, 0, 0, 0, 1, 1], Expand("0:(where((t>5),1,0))", 8));

    [Fact]
    public void Space_before_separating_comma_is_harmless() =>
        AssertSeries([1, 1.5, 2], Expand("0:(1) ,2:(2)", 3));

    [Fact]
    public void Single_frame_takes_the_last_stored_value() =>
        AssertSeries([3], Expand("0:(1), 4:(3)", 1));

    [Fact]
    public void Keys_keep_written_order_and_positions()
    {
        var schedule = KeyframeSchedule.Parse("angle", "10:(2), 0: (1)");
        Assert.Equal([10, 0], schedule.Keys.Select(k => k.Frame));
        Assert.Equal(4, schedule.Keys[0].Position);
        Assert.Equal(12, schedule.Keys[1].Position);
        Assert.True(schedule.Keys[1].IsNumber);
    }

    [Fact]
    public void Expansion_rejects_zero_frames()
    {
        var e = Assert.Throws<SettingsException>(() => Expand("0:(1)", 0));
        Assert.Contains("max_frames", e.Message);
    }

    [Fact]
    public void Expansion_rejects_non_finite_values_with_the_frame()
    {
        var e = Assert.Throws<SettingsException>(() => Expand("0:(1/t)", 3));
        Assert.Equal("zoom", e.Problems[0].Setting);
        Assert.Contains("frame 0", e.Problems[0].Message);
    }
}
