namespace Deforum.Prompts;

/// <summary>
/// What conditioning needs for one generation: c = Σ w·E(text) over <see cref="Positive"/>, and uc = Σ w·E(text)
/// over <see cref="Negative"/>, or E("") when <see cref="Negative"/> is empty. <see cref="Text"/> is the positive
/// prompt as written (it names batch-mode files).
/// </summary>
public sealed record FramePrompt(string Text, string NegativeText, IReadOnlyList<WeightedPart> Positive, IReadOnlyList<WeightedPart> Negative)
{
    public override string ToString()
    {
        static string Parts(IReadOnlyList<WeightedPart> parts) =>
            string.Join(" + ", parts.Select(p => $"{p.Weight:0.###}·\"{p.Text}\""));
        return Negative.Count == 0 ? Parts(Positive) : $"{Parts(Positive)} | neg {Parts(Negative)}";
    }
}
