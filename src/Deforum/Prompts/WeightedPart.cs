namespace Deforum.Prompts;

/// <summary>A text to encode and its weight in the weighted sum of embeddings.</summary>
public sealed record WeightedPart(string Text, double Weight);
