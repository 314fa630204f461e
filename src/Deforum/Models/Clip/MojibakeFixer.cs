// After ftfy 6.1.1 fix_encoding / decode_inconsistent_utf8: UTF-8 read as windows-1252 or Latin-1 is decoded again.
namespace Deforum.Models.Clip;

/// <summary>
/// Repairs UTF-8 that was decoded as windows-1252 or Latin-1 ("cafÃ©" → "café", "â€™" → "’").
/// ftfy decides with a large "badness" expression; this keeps its intent with a narrower rule so that real
/// accented, CJK or emoji text is never touched: only exact UTF-8 byte shapes are candidates, and a
/// shape standing alone counts only when it is unlikely in real text: two characters led by Â/Ã (the
/// U+0080..U+00FF mojibake, by far the most common), three led by â or ï (punctuation such as "â€™", the
/// byte order mark "ï»¿", full-width forms) or three
/// that are not an accented letter plus two punctuation marks ("café…»" stays). Shapes in a run of two or
/// more (a misread Greek, Cyrillic or CJK word) always count.
/// Like ftfy's restore_byte_a0, once a text is known to hold mojibake, "Ã " and "Â " are read as having
/// lost a no-break space byte ("Ã " was "à").
/// </summary>
public static class MojibakeFixer
{
    public static string Fix(string text)
    {
        if (System.Text.Ascii.IsValid(text)) return text;
        var found = FindShapes(text, spaceWasA0: false);
        if (found is null) return text;
        found = FindShapes(text, spaceWasA0: true)!;

        var sb = new System.Text.StringBuilder(text.Length);
        int copied = 0;
        foreach (var (start, len, cp) in found)
        {
            sb.Append(text, copied, start - copied);
            sb.Append(char.ConvertFromUtf32(cp));
            copied = start + len;
        }
        sb.Append(text, copied, text.Length - copied);
        return sb.ToString();
    }

    static List<(int Start, int Length, int CodePoint)>? FindShapes(string text, bool spaceWasA0)
    {
        List<(int Start, int Length, int CodePoint)>? found = null;
        int i = 0;
        while (i < text.Length)
        {
            if (!TryReadSequence(text, i, spaceWasA0, out int length, out int codePoint))
            {
                i++;
                continue;
            }
            var run = new List<(int Start, int Length, int CodePoint)>();
            while (i < text.Length && TryReadSequence(text, i, spaceWasA0, out length, out codePoint))
            {
                run.Add((i, length, codePoint));
                i += length;
            }
            foreach (var shape in run)
            {
                if (run.Count >= 2 || CountsAlone(text, shape.Start, shape.Length))
                    (found ??= []).Add(shape);
            }
        }
        return found;
    }

    static bool CountsAlone(string text, int start, int length) => length switch
    {
        2 => text[start] is 'Â' or 'Ã',
        3 => text[start] is 'â' or 'ï' || !(char.IsPunctuation(text[start + 1]) && char.IsPunctuation(text[start + 2])),
        _ => true,
    };

    /// <summary>A well-formed UTF-8 multi-byte sequence spelled as windows-1252/Latin-1 characters at <paramref name="start"/>.</summary>
    static bool TryReadSequence(string text, int start, bool spaceWasA0, out int length, out int codePoint)
    {
        length = 0;
        codePoint = 0;
        int lead = Windows1252.ByteOf(text[start]);
        int continuations;
        if (lead is >= 0xC2 and <= 0xDF) { continuations = 1; codePoint = lead & 0x1F; }
        else if (lead is >= 0xE0 and <= 0xEF) { continuations = 2; codePoint = lead & 0x0F; }
        else if (lead is >= 0xF0 and <= 0xF4) { continuations = 3; codePoint = lead & 0x07; }
        else return false;
        if (start + continuations >= text.Length) return false;
        for (int k = 1; k <= continuations; k++)
        {
            int b = spaceWasA0 && continuations == 1 && lead is 0xC2 or 0xC3 && text[start + k] == ' '
                ? 0xA0 : Windows1252.ByteOf(text[start + k]);
            if (b is < 0x80 or > 0xBF) return false;
            codePoint = (codePoint << 6) | (b & 0x3F);
        }
        // Overlong forms, UTF-16 surrogates and values past U+10FFFF are not UTF-8.
        bool valid = continuations switch
        {
            2 => codePoint >= 0x800 && codePoint is < 0xD800 or > 0xDFFF,
            3 => codePoint is >= 0x10000 and <= 0x10FFFF,
            _ => true,
        };
        length = continuations + 1;
        return valid;
    }
}
