using Deforum.Settings;

namespace Deforum.Prompts;

/// <summary>
/// Turns prompt text into <see cref="FramePrompt"/>s: --neg split, per-frame negative prompts (0.7.1) and, with
/// prompt_weighting, weighted sub-prompts. Negative sub-prompts, the --neg text and the neg_prompts text form one
/// negative list (the --neg and neg_prompts texts with weight 1).
/// </summary>
public static class PromptResolver
{
    /// <summary>The prompt text and the neg_prompts text of each frame (the negative is "" without neg_prompts).</summary>
    public static (string Positive, string Negative)[] Texts(PromptSettings prompts, int maxFrames)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        var positives = PromptTable.Build(prompts.AnimationPrompts, maxFrames);
        var negatives = prompts.NegativePrompts.Count > 0 ? PromptTable.Build(prompts.NegativePrompts, maxFrames) : null;
        return [.. positives.Select((p, f) => (p, negatives?[f] ?? ""))];
    }

    /// <exception cref="SettingsException">A bad backtick weight in any frame's prompt.</exception>
    public static FramePrompt[] ForFrames(PromptSettings prompts, GenerationSettings generation, int maxFrames)
    {
        var texts = Texts(prompts, maxFrames);
        var problems = new ProblemCollector();
        var result = new FramePrompt[maxFrames];
        for (int f = 0; f < maxFrames; f++)
            result[f] = problems.Try(() => Resolve(texts[f].Positive, texts[f].Negative, f, generation, "animation_prompts"))!;
        problems.ThrowIfAny();
        return result;
    }

    /// <exception cref="SettingsException">A bad backtick weight.</exception>
    public static FramePrompt Resolve(string prompt, string extraNegative, int frame, GenerationSettings generation, string setting)
    {
        var (text, negText) = NegativePromptSplitter.Split(prompt);
        var negTexts = new[] { negText, extraNegative }.Where(t => t.Length > 0).ToList();
        var negativeText = string.Join(", ", negTexts);
        List<WeightedPart> positive, negative;
        if (generation.PromptWeighting)
            (positive, negative) = WeightedPromptParser.Parse(text, frame, setting);
        else
            (positive, negative) = ([new WeightedPart(text, 1)], []);
        negative.AddRange(negTexts.Select(t => new WeightedPart(t, 1)));
        if (positive.Count == 0) positive.Add(new WeightedPart(text, 1));
        if (generation.PromptWeighting && generation.NormalizePromptWeights)
            (positive, negative) = (WeightedPromptParser.Normalize(positive), WeightedPromptParser.Normalize(negative));
        return new FramePrompt(text, negativeText, positive, negative);
    }
}
