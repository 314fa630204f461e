// Python 3 str semantics CLIP's clean-up relies on: whitespace_clean (re.sub(r"\s+", " ").strip()) and str.lower().
using System.Globalization;
using System.Text;

namespace Deforum.Models.Clip;

/// <summary>
/// Python-compatible text operations. .NET's ToLowerInvariant applies only simple case mappings, whereas
/// Python's str.lower() applies the full mapping (U+0130 → "i\u0307") and the Final_Sigma rule.
/// </summary>
public static class PythonText
{
    /// <summary>Runs of whitespace become one space; leading and trailing whitespace is removed.</summary>
    public static string CollapseWhitespace(string text)
    {
        var sb = new StringBuilder(text.Length);
        bool pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = sb.Length > 0;
                continue;
            }
            if (pendingSpace) sb.Append(' ');
            pendingSpace = false;
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>Python's str.lower().</summary>
    public static string Lower(string text)
    {
        if (System.Text.Ascii.IsValid(text)) return text.ToLowerInvariant();
        var sb = new StringBuilder(text.Length + 4);
        Span<char> buffer = stackalloc char[2];
        int i = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case 0x130:
                    sb.Append("i\u0307");
                    break;
                case 0x3A3:
                    sb.Append(IsFinalSigma(text, i) ? 'ς' : 'σ');
                    break;
                default:
                    var lower = Rune.ToLowerInvariant(rune);
                    sb.Append(buffer[..lower.EncodeToUtf16(buffer)]);
                    break;
            }
            i += rune.Utf16SequenceLength;
        }
        return sb.ToString();
    }

    // Unicode Final_Sigma: a cased letter before (skipping case-ignorables) and none after.
    static bool IsFinalSigma(string text, int index)
    {
        int j = index;
        Rune before = default;
        bool found = false;
        while (j > 0 && Rune.DecodeLastFromUtf16(text.AsSpan(0, j), out var r, out int n) == System.Buffers.OperationStatus.Done)
        {
            j -= n;
            if (IsCaseIgnorable(r)) continue;
            before = r;
            found = true;
            break;
        }
        if (!found || !IsCased(before)) return false;
        for (j = index + 1; j < text.Length;)
        {
            if (!Rune.TryGetRuneAt(text, j, out var r)) return true;
            j += r.Utf16SequenceLength;
            if (IsCaseIgnorable(r)) continue;
            return !IsCased(r);
        }
        return true;
    }

    static bool IsCased(Rune r) => Rune.GetUnicodeCategory(r) is UnicodeCategory.UppercaseLetter
        or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter;

    static bool IsCaseIgnorable(Rune r) =>
        Rune.GetUnicodeCategory(r) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark
            or UnicodeCategory.Format or UnicodeCategory.ModifierLetter or UnicodeCategory.ModifierSymbol
        || r.Value is '\'' or '.' or ':' or 0xB7 or 0x387 or 0x5F4 or 0x2018 or 0x2019 or 0x2024
            or 0xFE13 or 0xFE52 or 0xFE55 or 0xFF07 or 0xFF0E or 0xFF1A;
}
