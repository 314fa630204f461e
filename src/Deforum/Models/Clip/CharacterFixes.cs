// After ftfy 6.1.1 fixes.py: fix_c1_controls, fix_latin_ligatures, fix_character_width, uncurl_quotes,
// fix_line_breaks, fix_surrogates, remove_terminal_escapes, remove_control_chars.
using System.Text;
using System.Text.RegularExpressions;

namespace Deforum.Models.Clip;

/// <summary>ftfy's character-level fixers, each a pure string → string function.</summary>
public static partial class CharacterFixes
{
    /// <summary>C1 control characters (U+0080..U+009F) were almost certainly meant as windows-1252.</summary>
    public static string FixC1Controls(string text) => Map(text, c => c is >= '\u0080' and <= '\u009F'
        ? Windows1252.Decode((byte)c).ToString() : null);

    /// <summary>Latin ligatures and digraphs become their separate letters ("ﬁ" → "fi", "ǆ" → "dž").</summary>
    public static string FixLatinLigatures(string text) => Map(text, c => c switch
    {
        'Ĳ' => "IJ", 'ĳ' => "ij", 'ŉ' => "\u02BCn",
        'Ǳ' => "DZ", 'ǲ' => "Dz", 'ǳ' => "dz", 'Ǆ' => "DŽ", 'ǅ' => "Dž", 'ǆ' => "dž",
        'Ǉ' => "LJ", 'ǈ' => "Lj", 'ǉ' => "lj", 'Ǌ' => "NJ", 'ǋ' => "Nj", 'ǌ' => "nj",
        'ﬀ' => "ff", 'ﬁ' => "fi", 'ﬂ' => "fl", 'ﬃ' => "ffi", 'ﬄ' => "ffl", 'ﬅ' => "ſt", 'ﬆ' => "st",
        _ => null,
    });

    /// <summary>Full-width and half-width forms (U+FF01..U+FFEF) take their NFKC form; U+3000 becomes a space.</summary>
    public static string FixCharacterWidth(string text) => Map(text, c => c switch
    {
        '\u3000' => " ",
        >= '\uFF01' and <= '\uFFEF' => c.ToString().Normalize(NormalizationForm.FormKC),
        _ => null,
    });

    /// <summary>Curly single quotes and U+02BC become "'", curly double quotes become '"'.</summary>
    public static string UncurlQuotes(string text) => Map(text, c => c switch
    {
        '\u02BC' or >= '\u2018' and <= '\u201B' => "'",
        >= '\u201C' and <= '\u201F' => "\"",
        _ => null,
    });

    /// <summary>CRLF, CR, NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR become "\n".</summary>
    public static string FixLineBreaks(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal)
            .Replace('\r', '\n').Replace('\u2028', '\n').Replace('\u2029', '\n').Replace('\u0085', '\n');

    /// <summary>Unpaired UTF-16 surrogates become U+FFFD.</summary>
    public static string FixSurrogates(string text)
    {
        StringBuilder? sb = null;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            bool paired = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            if (paired)
            {
                sb?.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }
            bool lone = char.IsSurrogate(c);
            if (lone && sb is null) sb = new StringBuilder(text.Length).Append(text, 0, i);
            sb?.Append(lone ? '\uFFFD' : c);
        }
        return sb?.ToString() ?? text;
    }

    /// <summary>ANSI terminal escapes (ESC [ digits/semicolons letter) are removed.</summary>
    public static string RemoveTerminalEscapes(string text) =>
        text.Contains('\u001B', StringComparison.Ordinal) ? AnsiEscape().Replace(text, "") : text;

    /// <summary>
    /// Control and format characters with no use in text are removed: C0 controls except tab, line feed, form
    /// feed and carriage return; DEL; the deprecated U+206A..U+206F; the BOM; U+FFF9..U+FFFC.
    /// </summary>
    public static string RemoveControlChars(string text) => Map(text, c =>
        c is <= '\u0008' or '\u000B' or >= '\u000E' and <= '\u001F' or '\u007F'
            or >= '\u206A' and <= '\u206F' or '\uFEFF' or >= '\uFFF9' and <= '\uFFFC' ? "" : null);

    [GeneratedRegex(@"\u001B\[(?:\d|;)*[a-zA-Z]")]
    private static partial Regex AnsiEscape();

    /// <summary>Replaces each character for which <paramref name="replacement"/> gives a string; allocates only on change.</summary>
    static string Map(string text, Func<char, string?> replacement)
    {
        StringBuilder? sb = null;
        for (int i = 0; i < text.Length; i++)
        {
            var r = replacement(text[i]);
            if (r is null)
            {
                sb?.Append(text[i]);
                continue;
            }
            sb ??= new StringBuilder(text.Length).Append(text, 0, i);
            sb.Append(r);
        }
        return sb?.ToString() ?? text;
    }
}
