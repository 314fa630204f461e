// Port of openai/CLIP clip/simple_tokenizer.py + HF CLIPTokenizer clean-up (ftfy 6.1.1), padded to 77 like Stable Diffusion's FrozenCLIPEmbedder.
namespace Deforum.Models.Clip;

/// <summary>
/// The CLIP tokenizer as Stable Diffusion uses it: fix the text (ftfy), collapse whitespace, lower-case
/// (Python rules), split, byte-level BPE, then BOS + the first 75 ids + EOS, padded with EOS to 77.
/// Thread-safe.
/// </summary>
public sealed class ClipTokenizer
{
    public const int MaxLength = 77;
    public const int MaxContentTokens = MaxLength - 2;
    public const int BosId = 49406;
    public const int EosId = 49407;
    public const int PadId = EosId;

    readonly BytePairEncoder _bpe;

    public ClipTokenizer(ClipVocabulary vocabulary)
    {
        if (vocabulary.StartOfTextId != BosId || vocabulary.EndOfTextId != EosId)
            throw new ArgumentException($"{vocabulary.SourcePath} is not the standard CLIP vocabulary: special ids " +
                                        $"{vocabulary.StartOfTextId}/{vocabulary.EndOfTextId}, expected {BosId}/{EosId}");
        Vocabulary = vocabulary;
        _bpe = new BytePairEncoder(vocabulary);
    }

    /// <summary>Loads the vocabulary from an explicit file path, or from <see cref="ClipVocabulary.FileName"/> in the models folder.</summary>
    public static ClipTokenizer Load(string? vocabularyPath, string? modelsPath = null) =>
        new(ClipVocabulary.Load(vocabularyPath, modelsPath));

    public ClipVocabulary Vocabulary { get; }

    /// <summary>The text CLIP actually tokenizes: ftfy-fixed, whitespace-collapsed, lower-cased.</summary>
    public static string CleanText(string prompt) =>
        PythonText.Lower(PythonText.CollapseWhitespace(TextFixer.Fix(prompt)));

    public ClipTokenization Tokenize(string prompt)
    {
        var cleaned = CleanText(prompt);
        var ids = new List<int>();
        foreach (var piece in ClipPreTokenizer.Split(cleaned))
        {
            if (piece.Equals(ClipVocabulary.StartOfTextToken, StringComparison.OrdinalIgnoreCase))
                ids.Add(BosId);
            else if (piece.Equals(ClipVocabulary.EndOfTextToken, StringComparison.OrdinalIgnoreCase))
                ids.Add(EosId);
            else
                ids.AddRange(_bpe.Encode(piece));
        }
        var tokens = ids.Select(Vocabulary.TokenOf).ToList();
        return new ClipTokenization(cleaned, tokens, ids, ToInputIds(ids));
    }

    /// <summary>The <see cref="MaxLength"/> input ids of one prompt.</summary>
    public long[] Encode(string prompt) => Tokenize(prompt).InputIds;

    /// <summary>Input ids of several prompts, row-major [prompts.Count, <see cref="MaxLength"/>].</summary>
    public long[] Encode(IReadOnlyList<string> prompts)
    {
        var batch = new long[prompts.Count * MaxLength];
        for (int i = 0; i < prompts.Count; i++)
            Encode(prompts[i]).CopyTo(batch, i * MaxLength);
        return batch;
    }

    /// <summary>
    /// The text of BPE ids (special tokens dropped, word ends as spaces), as CLIP's decode: it gives back the
    /// cleaned text up to spacing around punctuation.
    /// </summary>
    public string Decode(IEnumerable<int> ids)
    {
        var bytes = new List<byte>();
        foreach (var id in ids)
        {
            if (id is BosId or EosId) continue;
            var token = Vocabulary.TokenOf(id);
            bool wordEnd = token.EndsWith(ClipVocabulary.EndOfWord, StringComparison.Ordinal);
            foreach (var c in wordEnd ? token[..^ClipVocabulary.EndOfWord.Length] : token)
                bytes.Add(ByteLevelAlphabet.ByteOfChar[c]);
            if (wordEnd) bytes.Add((byte)' ');
        }
        return System.Text.Encoding.UTF8.GetString(bytes.ToArray()).TrimEnd(' ');
    }

    static long[] ToInputIds(List<int> ids)
    {
        var input = new long[MaxLength];
        Array.Fill(input, PadId);
        input[0] = BosId;
        int kept = Math.Min(ids.Count, MaxContentTokens);
        for (int i = 0; i < kept; i++)
            input[1 + i] = ids[i];
        input[1 + kept] = EosId;
        return input;
    }
}
