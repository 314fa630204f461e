using System.Text.Json.Nodes;
using Deforum.Planning;
using Deforum.Settings;
using Xunit;

namespace Deforum.Tests.Settings;

/// <summary>keyframe_interpolation, schedule_interpolation, prompt_blend_window and prompt_blend_method in files and validation.</summary>
public class BlendSettingsTests
{
    static readonly RunContext Context = new(new DateTime(2024, 1, 1, 12, 0, 0), new Random(1));

    const string Blending = """
        { "animation_mode": "2D", "max_frames": 10, "keyframe_interpolation": "Cubic",
          "schedule_interpolation": { "zoom": "Linear", "angle": "Cubic" }, "prompt_blend_window": 4, "prompt_blend_method": "Slerp" }
        """;

    static SettingProblem Problem(string json, string setting)
    {
        var e = Assert.Throws<SettingsException>(() => RunPreparation.Prepare(SettingsFile.Read(json).Settings, Context));
        var problem = Assert.Single(e.Problems, p => p.Setting == setting);
        Assert.True(problem.Fix.Length > 0);
        return problem;
    }

    [Fact]
    public void A_file_sets_every_blend_setting_and_writes_them_back()
    {
        var a = SettingsFile.Read(Blending).Settings.Animation;

        Assert.Equal(("Cubic", 4, "Slerp"), (a.KeyframeInterpolation, a.PromptBlendWindow, a.PromptBlendMethod));
        Assert.Equal(new ScheduleInterpolationMap { ["angle"] = "Cubic", ["zoom"] = "Linear" }, a.ScheduleInterpolation);
        var written = JsonNode.Parse(SettingsFile.Write(SettingsFile.Read(Blending).Settings))!.AsObject();
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{ "angle": "Cubic", "zoom": "Linear" }"""), written["schedule_interpolation"]));
        Assert.Equal(a, SettingsFile.Read(written.ToJsonString()).Settings.Animation);
    }

    [Fact]
    public void The_defaults_are_off()
    {
        var a = new AnimationSettings();

        Assert.Equal(("Linear", 0, 0, "Linear"), (a.KeyframeInterpolation, a.ScheduleInterpolation.Count, a.PromptBlendWindow, a.PromptBlendMethod));
    }

    [Fact]
    public void A_misspelt_interpolation_is_reported_once_with_the_choices()
    {
        var problem = Problem("""{ "animation_mode": "2D", "max_frames": 5, "keyframe_interpolation": "cubic" }""", "keyframe_interpolation");

        Assert.Equal("cubic", problem.BadText);
        Assert.Contains("did you mean 'Cubic'", problem.Message, StringComparison.Ordinal);
        Assert.Contains("'Linear', 'Cubic'", problem.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "Zoom": "Cubic" }""", "Zoom", "did you mean 'zoom'")]
    [InlineData("""{ "sampler_schedule": "Cubic" }""", "sampler_schedule", "never interpolated")]
    [InlineData("""{ "seed_schedule": "Cubic" }""", "seed_schedule", "always linear")]
    [InlineData("""{ "zoom": "Spline" }""", "Spline", "'Spline' for zoom is not a keyframe interpolation")]
    public void A_bad_schedule_interpolation_entry_names_the_schedule(string map, string bad, string message)
    {
        var problem = Problem($$"""{ "animation_mode": "2D", "max_frames": 5, "schedule_interpolation": {{map}} }""", "schedule_interpolation");

        Assert.Equal(bad, problem.BadText);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"Cubic\"")]
    [InlineData("""{ "zoom": 3 }""")]
    [InlineData("[\"zoom\"]")]
    public void Schedule_interpolation_must_be_an_object_of_texts(string value)
    {
        var e = Assert.Throws<SettingsException>(() => SettingsFile.Read($$"""{ "schedule_interpolation": {{value}} }"""));

        var problem = Assert.Single(e.Problems);
        Assert.Equal("schedule_interpolation", problem.Setting);
        Assert.Contains("{\"zoom\": \"Cubic\"}", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_negative_blend_window_and_an_unknown_method_are_problems()
    {
        const string json = """{ "animation_mode": "2D", "max_frames": 5, "prompt_blend_window": -2, "prompt_blend_method": "slerp" }""";

        Assert.Contains("0 or more", Problem(json, "prompt_blend_window").Fix, StringComparison.Ordinal);
        Assert.Contains("did you mean 'Slerp'", Problem(json, "prompt_blend_method").Message, StringComparison.Ordinal);
    }
}
