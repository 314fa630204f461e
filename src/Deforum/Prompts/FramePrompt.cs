namespace Deforum.Prompts;

/// <summary>
/// What conditioning needs for one generation: c = Σ w·E(text) over <see cref="Positive"/>, and uc = Σ w·E(text)
/// over <see cref="Negative"/>, or E("") when <see cref="Negative"/> is empty. <see cref="Text"/> is the positive
/// prompt as written (it names batch-mode files).
/// </summary>
public sealed record FramePrompt(string Text, string NegativeText, IReadOnlyList<WeightedPart> Positive, IReadOnlyList<WeightedPart> Negative)
{
    /// <summary>The same positive parts with the same weights: the same c.</summary>
    public bool SameCond(FramePrompt other) => Positive.SequenceEqual(other.Positive);

    /// <summary>The same negative parts with the same weights: the same uc.</summary>
    public bool SameUncond(FramePrompt other) => Negative.SequenceEqual(other.Negative);

    public override string ToString()
    {
        static string Parts(IReadOnlyList<WeightedPart> parts) =>
            string.Join(" + ", parts.Select(p => $"{p.Weight:0.###}·\"{p.Text}\""));
        return Negative.Count == 0 ? Parts(Positive) : $"{Parts(Positive)} | neg {Parts(Negative)}";
    }
}
