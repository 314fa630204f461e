using Deforum.Prompts;
using Deforum.Settings;
using Xunit;

namespace Deforum.Tests.Prompts;

public class PromptTests
{
    static readonly GenerationSettings Weighted = new() { PromptWeighting = true, NormalizePromptWeights = true };

    [Fact]
    public void Table_forward_fills_and_back_fills()
    {
        var table = PromptTable.Build(new() { [2] = "b", [4] = "c" }, 6);
        Assert.Equal(["b", "b", "b", "b", "c", "c"], table);
    }

    [Fact]
    public void Table_with_every_key_out_of_range_uses_the_first_written()
    {
        Assert.Equal(["x", "x"], PromptTable.Build(new() { [50] = "x", [10] = "y" }, 2));
        Assert.Equal(["a", "a", "a"], PromptTable.Build(new() { [0] = "a", [50] = "z" }, 3));
    }

    [Fact]
    public void Table_of_no_prompts_is_empty_text() => Assert.Equal(["", ""], PromptTable.Build([], 2));

    [Fact]
    public void Weighted_positive_and_negative_parts()
    {
        var (pos, neg) = WeightedPromptParser.Parse("a cat:2 a dog:-1", 0, "prompts");
        Assert.Equal([new WeightedPart("a cat", 2)], pos);
        Assert.Equal([new WeightedPart("a dog", 1)], neg);
    }

    [Fact]
    public void Plain_colon_splits_into_two_equal_parts()
    {
        var p = PromptResolver.Resolve("photo: a cat", "", 0, Weighted, "prompts");
        Assert.Equal([new WeightedPart("photo", 0.5), new WeightedPart("a cat", 0.5)], p.Positive);
        Assert.Empty(p.Negative);
    }

    [Fact]
    public void Escaped_colon_zero_weight_and_backtick_math()
    {
        var (pos, _) = WeightedPromptParser.Parse(@"time\: noon:`t/2` gone:0 , rest", 6, "prompts");
        Assert.Equal([new WeightedPart("time: noon", 3), new WeightedPart(", rest", 1)], pos);
    }

    [Fact]
    public void Empty_backticks_count_as_one() =>
        Assert.Equal(1, WeightedPromptParser.Parse("a:``", 0, "prompts").Positive[0].Weight);

    [Fact]
    public void Bad_backtick_math_names_the_setting_and_fix()
    {
        var e = Assert.Throws<SettingsException>(() => WeightedPromptParser.Parse("a:`t+`", 0, "animation_prompts"));
        Assert.Equal("animation_prompts", e.Problems[0].Setting);
        Assert.Contains("complete the expression", e.Problems[0].Fix);
    }

    [Fact]
    public void Only_negative_parts_fall_back_to_the_whole_text_for_c()
    {
        var p = PromptResolver.Resolve("a dog:-1", "", 0, Weighted, "prompts");
        Assert.Equal([new WeightedPart("a dog:-1", 1)], p.Positive);
        Assert.Equal([new WeightedPart("a dog", 1)], p.Negative);
    }

    [Fact]
    public void Without_weighting_the_whole_prompt_is_one_part()
    {
        var p = PromptResolver.Resolve("photo: a cat", "", 0, new GenerationSettings(), "prompts");
        Assert.Equal([new WeightedPart("photo: a cat", 1)], p.Positive);
        Assert.Empty(p.Negative);
    }

    [Fact]
    public void Neg_marker_and_per_frame_negatives_become_the_unconditional_side()
    {
        Assert.Equal(("a castle", "blurry, text"), NegativePromptSplitter.Split("a castle --neg blurry, text"));
        Assert.Equal(("a --negative word", ""), NegativePromptSplitter.Split("a --negative word"));
        var prompts = new PromptSettings
        {
            AnimationPrompts = new() { [0] = "sun --neg clouds", [2] = "moon" },
            NegativePrompts = new() { [1] = "mountain" },
        };
        var frames = PromptResolver.ForFrames(prompts, new GenerationSettings(), 3);
        Assert.Equal(("sun", "clouds, mountain"), (frames[0].Text, frames[0].NegativeText));
        Assert.Equal(["clouds", "mountain"], frames[1].Negative.Select(n => n.Text));
        Assert.Equal(("moon", "mountain"), (frames[2].Text, frames[2].NegativeText));
    }

    [Fact]
    public void Normalising_divides_each_side_by_its_sum()
    {
        var p = PromptResolver.Resolve("a:3 b:1 c:-2 d:-6", "", 0, Weighted, "prompts");
        Assert.Equal([0.75, 0.25], p.Positive.Select(x => x.Weight));
        Assert.Equal([0.25, 0.75], p.Negative.Select(x => x.Weight));
    }

    [Fact]
    public void Frames_report_the_bad_prompt_once_per_frame()
    {
        var prompts = new PromptSettings { AnimationPrompts = new() { [0] = "a:`sin(`" } };
        var e = Assert.Throws<SettingsException>(() => PromptResolver.ForFrames(prompts, Weighted, 2));
        Assert.All(e.Problems, p => Assert.Equal("animation_prompts", p.Setting));
    }
}
