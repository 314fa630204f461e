using Deforum.Torch;

namespace Deforum.Sampling;

/// <summary>One encoded text and its weight (a sub-prompt of a weighted prompt).</summary>
public sealed record WeightedEmbedding(Tensor Embedding, double Weight);

/// <summary>
/// The conditioning of one generation: c and uc, each [B, 77, C], and the guidance scale.
/// A scale of exactly 1 means "no guidance": one conditional call, uc unused.
/// </summary>
public sealed record Conditioning
{
    public Tensor Cond { get; }
    public Tensor Uncond { get; }
    public double Scale { get; }

    public Conditioning(Tensor cond, Tensor uncond, double scale)
    {
        if (!(scale > 0) || !double.IsFinite(scale))
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "the guidance scale must be a finite number > 0 (1 = no guidance)");
        if (!cond.Shape.SequenceEqual(uncond.Shape))
            throw new ArgumentException($"cond [{string.Join(", ", cond.Shape)}] and uncond [{string.Join(", ", uncond.Shape)}] must have the same shape");
        Cond = cond;
        Uncond = uncond;
        Scale = scale;
    }

    public bool Guided => Scale != 1.0;

    /// <summary>
    /// Weighted sub-prompts (Deforum 0.5–0.7 prompt weighting, algorithms.md §4.3): Σ wᵢ·E(textᵢ) in order, each list
    /// optionally divided by its own weight sum; an empty positive list falls back to the whole prompt's embedding,
    /// an empty negative list to E(""). Weights are magnitudes (the parser has already split by sign and dropped zeros).
    /// </summary>
    public static Conditioning FromWeighted(IReadOnlyList<WeightedEmbedding> positive, IReadOnlyList<WeightedEmbedding> negative,
        Tensor wholePrompt, Tensor emptyPrompt, double scale, bool normalize)
    {
        using var scope = DisposeScope.Begin();
        var c = Combine(positive, normalize) ?? wholePrompt.Clone();
        var uc = Combine(negative, normalize) ?? emptyPrompt.Clone();
        return new Conditioning(scope.MoveToOuter(c), scope.MoveToOuter(uc), scale);
    }

    static Tensor? Combine(IReadOnlyList<WeightedEmbedding> parts, bool normalize)
    {
        if (parts.Count == 0) return null;
        if (parts.Any(p => !(p.Weight > 0))) throw new ArgumentException("sub-prompt weights must be > 0 here (split negatives, drop zeros)", nameof(parts));
        double total = normalize ? parts.Sum(p => p.Weight) : 1.0;
        Tensor? sum = null;
        foreach (var p in parts)
        {
            var term = p.Embedding.Mul(p.Weight / total);
            sum = sum is null ? term : sum.Add(term);
        }
        return sum;
    }
}
