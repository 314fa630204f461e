// Port of the ftfy 6.1.1 fix_text defaults that HF CLIPTokenizer applies before tokenizing (behaviour, not code).
using System.Text;

namespace Deforum.Models.Clip;

/// <summary>
/// ftfy.fix_text with its default configuration, line by line: HTML references are decoded until a line
/// containing '&lt;' is met (from then on text is taken to be real HTML), then mojibake, C1 controls,
/// ligatures, character width, curly quotes, line breaks, surrogates, terminal escapes and control
/// characters are fixed and the result NFC-normalized, repeating until nothing changes.
/// </summary>
public static class TextFixer
{
    public static string Fix(string text)
    {
        var sb = new StringBuilder(text.Length);
        bool unescapeHtml = true;
        int pos = 0;
        while (pos < text.Length)
        {
            int newline = text.IndexOf('\n', pos);
            int end = newline < 0 ? text.Length : newline + 1;
            var line = text[pos..end];
            unescapeHtml &= !line.Contains('<', StringComparison.Ordinal);
            sb.Append(FixLine(line, unescapeHtml));
            pos = end;
        }
        return sb.ToString();
    }

    static string FixLine(string text, bool unescapeHtml)
    {
        while (true)
        {
            var before = text;
            if (unescapeHtml) text = HtmlEntityFixer.Unescape(text);
            text = MojibakeFixer.Fix(text);
            text = CharacterFixes.FixC1Controls(text);
            text = CharacterFixes.FixLatinLigatures(text);
            text = CharacterFixes.FixCharacterWidth(text);
            text = CharacterFixes.UncurlQuotes(text);
            text = CharacterFixes.FixLineBreaks(text);
            text = CharacterFixes.FixSurrogates(text);
            text = CharacterFixes.RemoveTerminalEscapes(text);
            text = CharacterFixes.RemoveControlChars(text);
            text = text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
            if (text == before) return text;
        }
    }
}
