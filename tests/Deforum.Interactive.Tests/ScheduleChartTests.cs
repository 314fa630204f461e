using Deforum.Interactive.Charts;
using Deforum.Planning;
using Deforum.Schedules;
using Deforum.Settings;
using Xunit;

namespace Deforum.Interactive.Tests;

/// <summary>The notebook's schedule plots of cubic keyframes and prompt blend windows.</summary>
public class ScheduleChartTests
{
    static PreparedRun Prepare(string json) =>
        RunPreparation.Prepare(SettingsFile.Read(json).Settings, new RunContext(new DateTime(2024, 1, 1), new Random(1)));

    [Fact]
    public void A_cubic_schedule_is_plotted_as_the_render_expands_it_and_labelled_so()
    {
        var run = Prepare("""
            { "animation_mode": "2D", "max_frames": 30, "zoom": "0:(1), 10:(1.2), 20:(1)", "schedule_interpolation": { "zoom": "Cubic" } }
            """);

        var series = ScheduleSeries.For(run.Settings);

        var zoom = Assert.Single(series, s => s.Setting == "zoom");
        Assert.Equal(KeyframeCurve.Cubic, zoom.Curve);
        Assert.Equal(run.Schedules!.Zoom, zoom.Values);
        Assert.Equal(KeyframeCurve.Linear, Assert.Single(series, s => s.Setting == "angle").Curve);
        Assert.Contains("zoom (cubic)", new ScheduleChart(series).ToFigure().ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Prompt_blend_windows_are_plotted_as_each_frames_weight_toward_the_next_prompt()
    {
        var run = Prepare("""{ "animation_mode": "2D", "max_frames": 8, "prompt_blend_window": 3, "prompts": { "0": "a", "4": "b" } }""");

        var blend = ScheduleSeries.PromptBlend(RenderPlanner.Plan(run), 8)!;

        Assert.Equal([0, 0.25, 0.5, 0.75, 0, 0, 0, 0], blend.Values);
        Assert.Equal([4], blend.Keyframes);
        Assert.Null(ScheduleSeries.PromptBlend(RenderPlanner.Plan(Prepare("""{ "animation_mode": "2D", "max_frames": 8 }""")), 8));
    }
}
