namespace Deforum.Models.Clip;

/// <summary>
/// One prompt through the CLIP tokenizer: the cleaned text, every BPE symbol and its id before truncation,
/// and the final <see cref="ClipTokenizer.MaxLength"/> input ids (BOS, at most 75 ids, EOS, EOS padding).
/// </summary>
public sealed record ClipTokenization(string CleanedText, IReadOnlyList<string> BpeTokens, IReadOnlyList<int> TokenIds, long[] InputIds)
{
    /// <summary>Whether BPE symbols past <see cref="ClipTokenizer.MaxContentTokens"/> were dropped.</summary>
    public bool Truncated => TokenIds.Count > ClipTokenizer.MaxContentTokens;
}
