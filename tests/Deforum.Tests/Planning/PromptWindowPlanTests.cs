using Deforum.Planning;
using Deforum.Prompts;
using Deforum.Sampling;
using Deforum.Settings;
using Xunit;

namespace Deforum.Tests.Planning;

/// <summary>prompt_blend_window in the plan: which frames blend, toward which prompt, with which weight.</summary>
public class PromptWindowPlanTests
{
    static RenderPlan Plan(string prompts, string extra = "", int maxFrames = 12) => RenderPlanner.Plan(RunPreparation.Prepare(
        SettingsFile.Read($$"""{ "animation_mode": "2D", "max_frames": {{maxFrames}}, "seed": 1, "prompts": {{prompts}} {{extra}} }""").Settings,
        new RunContext(new DateTime(2024, 1, 1, 12, 0, 0), new Random(1))));

    static Dictionary<int, PromptWindow> Windows(RenderPlan plan) =>
        plan.Frames.Where(f => f.PromptWindow is not null).ToDictionary(f => f.Index, f => f.PromptWindow!);

    [Fact]
    public void The_frames_before_a_prompt_change_blend_toward_it()
    {
        var plan = Plan("""{ "0": "a cat", "10": "a dog" }""", """, "prompt_blend_window": 3""");

        var windows = Windows(plan);
        Assert.Equal([7, 8, 9], windows.Keys);
        Assert.Equal([0.25, 0.5, 0.75], windows.Values.Select(w => w.Weight));
        Assert.All(windows.Values, w => Assert.Equal((0, 10, "a dog", ConditioningBlendMethod.Linear), (w.FromFrame, w.ToFrame, w.Target.Text, w.Method)));
        Assert.All(windows.Keys, f => Assert.Equal("a cat", plan.Frames[f].Prompt!.Text));
        Assert.Equal("a dog", plan.Frames[10].Prompt!.Text);
    }

    [Fact]
    public void A_window_of_zero_plans_exactly_the_hard_switch()
    {
        const string prompts = """{ "0": "a cat", "10": "a dog" }""";

        Assert.Empty(Windows(Plan(prompts, """, "prompt_blend_window": 0""")));
        Assert.Equal(Plan(prompts).ToTable(), Plan(prompts, """, "prompt_blend_window": 0""").ToTable());
    }

    [Fact]
    public void A_window_shrinks_to_the_frames_after_the_previous_change()
    {
        var windows = Windows(Plan("""{ "0": "a", "2": "b", "10": "c" }""", """, "prompt_blend_window": 5"""));

        Assert.Equal([1, 5, 6, 7, 8, 9], windows.Keys);
        Assert.Equal((0, 2, 0.5), (windows[1].FromFrame, windows[1].ToFrame, windows[1].Weight));
        Assert.Equal([1 / 6.0, 2 / 6.0, 3 / 6.0, 4 / 6.0, 5 / 6.0], windows.Where(w => w.Key >= 5).Select(w => w.Value.Weight));
        Assert.All(windows.Where(w => w.Key >= 5), w => Assert.Equal((2, 10), (w.Value.FromFrame, w.Value.ToFrame)));
    }

    [Fact]
    public void A_negative_prompt_change_opens_a_window_too_and_an_unchanged_prompt_none()
    {
        var windows = Windows(Plan("""{ "0": "a cat", "6": "a cat" }""", """, "neg_prompts": { "0": "blurry", "8": "dark" }, "prompt_blend_window": 2"""));

        Assert.Equal([6, 7], windows.Keys);
        Assert.All(windows.Values, w => Assert.Equal([new WeightedPart("dark", 1)], w.Target.Negative));
        Assert.All(windows.Values, w => Assert.Equal(8, w.ToFrame));
    }

    [Fact]
    public void Weighted_sub_prompts_of_the_next_prompt_take_the_blending_frames_t()
    {
        var windows = Windows(Plan("""{ "0": "a cat", "10": "a dog:`t` a fox:1" }""",
            """, "prompt_weighting": true, "normalize_prompt_weights": false, "prompt_blend_window": 2"""));

        Assert.Equal([new WeightedPart("a dog", 8), new WeightedPart("a fox", 1)], windows[8].Target.Positive);
        Assert.Equal([new WeightedPart("a dog", 9), new WeightedPart("a fox", 1)], windows[9].Target.Positive);
    }

    [Fact]
    public void With_cadence_only_diffused_frames_blend()
    {
        var plan = Plan("""{ "0": "a cat", "10": "a dog" }""", """, "diffusion_cadence": "2", "prompt_blend_window": 4""");

        Assert.Equal([6, 8], Windows(plan).Keys);
        Assert.All(plan.Frames.Where(f => f.Kind == FrameKind.InBetween), f => Assert.Null(f.PromptWindow));
    }

    [Fact]
    public void The_plan_table_shows_both_prompts_the_weight_and_the_method()
    {
        var table = Plan("""{ "0": "a cat", "10": "a dog" }""", """, "prompt_blend_window": 1, "prompt_blend_method": "Slerp" """).ToTable();

        var row = Assert.Single(table.Split('\n'), l => l.StartsWith("9 ", StringComparison.Ordinal));
        Assert.Contains("p@0→p@10 w=0.5 slerp", row, StringComparison.Ordinal);
        Assert.Contains("1·\"a cat\" → 1·\"a dog\"", row, StringComparison.Ordinal);
    }

    [Fact]
    public void Interpolation_mode_plans_its_blends_with_the_method()
    {
        var run = RunPreparation.Prepare(SettingsFile.Read("""
            { "animation_mode": "Interpolation", "interpolate_x_frames": 1, "prompt_blend_method": "Slerp", "prompts": { "0": "a", "4": "b" } }
            """).Settings, new RunContext(new DateTime(2024, 1, 1, 12, 0, 0), new Random(1)));

        var blends = RenderPlanner.Plan(run).Frames.Select(f => f.PromptBlend).OfType<PromptBlend>().ToList();

        Assert.Equal([0.0, 0.5, 0], blends.Select(b => b.Weight));
        Assert.All(blends, b => Assert.Equal(ConditioningBlendMethod.Slerp, b.Method));
        Assert.Contains("p0→p1 w=0.5 slerp", RenderPlanner.Plan(run).ToTable(), StringComparison.Ordinal);
    }
}
