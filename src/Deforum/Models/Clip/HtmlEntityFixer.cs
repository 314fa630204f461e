// After ftfy 6.1.1 fixes.unescape_html (entity pattern &#?[0-9A-Za-z]{1,24}; and Python html.unescape numeric rules).
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Deforum.Models.Clip;

/// <summary>
/// Decodes HTML character references that end in ';'. Named references use the HTML 4 table .NET ships
/// (ftfy knows the full HTML5 table; the common ones — &amp;amp; &amp;quot; &amp;lt; &amp;gt; &amp;nbsp; accents,
/// &amp;apos; — are in both), plus ftfy's rule that an all-caps spelling of a lower-case name ("&amp;EACUTE;")
/// means the upper-cased character. Numeric references follow Python's html.unescape.
/// </summary>
public static partial class HtmlEntityFixer
{
    public static string Unescape(string text) =>
        text.Contains('&', StringComparison.Ordinal) ? Entity().Replace(text, m => Decode(m.Value)) : text;

    [GeneratedRegex("&#?[0-9A-Za-z]{1,24};")]
    private static partial Regex Entity();

    static string Decode(string entity)
    {
        if (entity[1] == '#') return DecodeNumeric(entity);
        var decoded = WebUtility.HtmlDecode(entity);
        if (decoded != entity) return decoded;
        var name = entity[1..^1];
        if (name.Any(char.IsAsciiLetterLower)) return entity;
        var lowerEntity = "&" + name.ToLowerInvariant() + ";";
        var lowered = WebUtility.HtmlDecode(lowerEntity);
        return lowered == lowerEntity ? entity : lowered.ToUpperInvariant();
    }

    // The reference must be consumed whole, semicolon included, or it is left as it was.
    static string DecodeNumeric(string entity)
    {
        var digits = entity.AsSpan(2, entity.Length - 3);
        bool hex = digits.Length > 0 && digits[0] is 'x' or 'X';
        if (hex) digits = digits[1..];
        if (digits.IsEmpty) return entity;
        long value = 0;
        foreach (var c in digits)
        {
            int digit = hex ? HexDigit(c) : c is >= '0' and <= '9' ? c - '0' : -1;
            if (digit < 0) return entity;
            // Anything past U+10FFFF decodes alike, so the value saturates instead of overflowing.
            value = Math.Min(value * (hex ? 16 : 10) + digit, 0x110000);
        }
        return CodePointOf(value);
    }

    static int HexDigit(char c) => char.IsAsciiHexDigit(c) ? Convert.ToInt32(c.ToString(), 16) : -1;

    static string CodePointOf(long value)
    {
        if (value == 0) return "\uFFFD";
        if (value == 0x0D) return "\r";
        if (value is >= 0x80 and <= 0x9F) return Windows1252.Decode((byte)value).ToString();
        if (value is >= 0xD800 and <= 0xDFFF or > 0x10FFFF) return "\uFFFD";
        bool invalid = value is >= 0x01 and <= 0x08 or 0x0B or >= 0x0E and <= 0x1F or 0x7F
            or >= 0xFDD0 and <= 0xFDEF || (value & 0xFFFE) == 0xFFFE;
        return invalid ? "" : char.ConvertFromUtf32((int)value);
    }
}
