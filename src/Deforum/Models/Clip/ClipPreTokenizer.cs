// Port of the openai/CLIP clip/simple_tokenizer.py split pattern, as a hand-written scanner.
using System.Globalization;
using System.Text;

namespace Deforum.Models.Clip;

/// <summary>
/// Splits cleaned text like CLIP's pattern
/// <c>&lt;\|startoftext\|&gt;|&lt;\|endoftext\|&gt;|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+</c> (IGNORECASE).
/// Scanning by code point rather than with .NET Regex keeps astral letters and digits (surrogate pairs)
/// classified the way Python's regex module classifies them.
/// </summary>
internal static class ClipPreTokenizer
{
    static readonly string[] Specials = [ClipVocabulary.StartOfTextToken, ClipVocabulary.EndOfTextToken];
    static readonly string[] Contractions = ["s", "t", "re", "ve", "m", "ll", "d"];

    enum Kind { Space, Letter, Number, Other }

    public static List<string> Split(string text)
    {
        var pieces = new List<string>();
        int i = 0;
        while (i < text.Length)
        {
            var kind = Classify(text, i, out int width);
            if (kind == Kind.Space)
            {
                i += width;
                continue;
            }
            int end = MatchSpecialOrContraction(text, i);
            if (end < 0)
            {
                end = i + width;
                if (kind != Kind.Number)
                {
                    while (end < text.Length && Classify(text, end, out int w) == kind)
                        end += w;
                }
            }
            pieces.Add(text[i..end]);
            i = end;
        }
        return pieces;
    }

    /// <summary>End of a special token or contraction starting at <paramref name="start"/>, or -1.</summary>
    static int MatchSpecialOrContraction(string text, int start)
    {
        foreach (var special in Specials)
            if (text.AsSpan(start).StartsWith(special, StringComparison.OrdinalIgnoreCase))
                return start + special.Length;
        if (text[start] != '\'') return -1;
        foreach (var suffix in Contractions)
        {
            if (start + 1 + suffix.Length > text.Length) continue;
            bool match = true;
            for (int k = 0; k < suffix.Length && match; k++)
                match = FoldsTo(text[start + 1 + k], suffix[k]);
            if (match) return start + 1 + suffix.Length;
        }
        return -1;
    }

    // IGNORECASE uses simple case folding, under which U+017F LATIN SMALL LETTER LONG S folds to 's'.
    static bool FoldsTo(char c, char lower) => char.ToLowerInvariant(c) == lower || (lower == 's' && c == '\u017F');

    static Kind Classify(string text, int index, out int width)
    {
        if (Rune.TryGetRuneAt(text, index, out var rune))
        {
            width = rune.Utf16SequenceLength;
            if (Rune.IsWhiteSpace(rune)) return Kind.Space;
            return Rune.GetUnicodeCategory(rune) switch
            {
                UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                    or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => Kind.Letter,
                UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => Kind.Number,
                _ => Kind.Other,
            };
        }
        width = 1;
        return Kind.Other;
    }
}
