// Windows-1252 facts as ftfy 6.1.1 uses them ("sloppy" windows-1252: the 5 unassigned bytes pass through as C1).
namespace Deforum.Models.Clip;

/// <summary>The byte ↔ character mapping of windows-1252, with Latin-1 filling its unassigned bytes.</summary>
internal static class Windows1252
{
    // Bytes 0x80..0x9F; 0x81, 0x8D, 0x8F, 0x90, 0x9D are unassigned and decode to the same C1 code point.
    const string HighControls =
        "\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F" +
        "\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178";

    /// <summary>The character windows-1252 decodes this byte to.</summary>
    public static char Decode(byte b) => b is >= 0x80 and <= 0x9F ? HighControls[b - 0x80] : (char)b;

    /// <summary>
    /// The byte this character came from if the text was decoded as windows-1252 or Latin-1 (C1 code points
    /// included, so both readings are covered), or -1 when no single byte decodes to it.
    /// </summary>
    public static int ByteOf(char c)
    {
        if (c <= 0xFF) return c;
        int i = HighControls.IndexOf(c, StringComparison.Ordinal);
        return i < 0 ? -1 : 0x80 + i;
    }
}
