namespace Deforum.Prompts;

/// <summary>
/// The Prompts cell: the still-image list (mode None), the animation prompts keyed by frame (kept in insertion
/// order, which Interpolation mode walks), and 0.7.1's per-frame negative prompts.
/// </summary>
public sealed record PromptSettings
{
    public IReadOnlyList<string> StillPrompts { get; init; } =
    [
        "a beautiful forest by Asher Brown Durand, trending on Artstation",
        "a beautiful portrait of a woman by Artgerm, trending on Artstation",
    ];

    public OrderedDictionary<int, string> AnimationPrompts { get; init; } = new()
    {
        [0] = "a beautiful apple, trending on Artstation",
        [20] = "a beautiful banana, trending on Artstation",
        [30] = "a beautiful coconut, trending on Artstation",
        [40] = "a beautiful durian, trending on Artstation",
    };

    public OrderedDictionary<int, string> NegativePrompts { get; init; } = [];
}
