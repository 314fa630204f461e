using System.Globalization;
using System.Text;

namespace Deforum.Torch.Checkpoints;

/// <summary>The quoted literals of protocol 0 (STRING is a Python repr, UNICODE is raw-unicode-escape).</summary>
internal static class PickleText
{
    /// <summary>Unquotes a repr'd string such as <c>'a\'b\n'</c>; null when malformed.</summary>
    public static string? Unquote(string literal)
    {
        if (literal.Length < 2 || literal[0] is not ('\'' or '"') || literal[^1] != literal[0])
            return null;
        var body = literal.AsSpan(1, literal.Length - 2);
        var sb = new StringBuilder(body.Length);
        for (int i = 0; i < body.Length; i++)
        {
            if (body[i] != '\\') { sb.Append(body[i]); continue; }
            if (++i == body.Length) return null;
            switch (body[i])
            {
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case '0': sb.Append('\0'); break;
                case 'x' when i + 2 < body.Length && byte.TryParse(body.Slice(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var b):
                    sb.Append((char)b);
                    i += 2;
                    break;
                default: sb.Append(body[i]); break;
            }
        }
        return sb.ToString();
    }

    /// <summary>Decodes \uXXXX and \UXXXXXXXX escapes; every other character stands for itself. Null when malformed.</summary>
    public static string? RawUnicodeUnescape(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            int digits = text[i] == '\\' && i + 1 < text.Length ? text[i + 1] switch { 'u' => 4, 'U' => 8, _ => 0 } : 0;
            if (digits == 0) { sb.Append(text[i]); continue; }
            if (i + 2 + digits > text.Length ||
                !int.TryParse(text.AsSpan(i + 2, digits), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code) ||
                code is < 0 or > 0x10FFFF or (>= 0xD800 and <= 0xDFFF))
                return null;
            sb.Append(char.ConvertFromUtf32(code));
            i += 1 + digits;
        }
        return sb.ToString();
    }
}
