using System.Globalization;
using System.Net;

namespace Deforum.Interactive.Html;

/// <summary>The small pieces every card and table is made of: escaping, invariant numbers, durations.</summary>
static class HtmlText
{
    public static string Escape(string? text) => WebUtility.HtmlEncode(text ?? "");

    public static string Number(double value, string format = "0.####") => value.ToString(format, CultureInfo.InvariantCulture);

    public static string Duration(TimeSpan t) =>
        t.TotalHours >= 1 ? t.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : t.ToString(@"m\:ss", CultureInfo.InvariantCulture);

    public const string CardStyle = "font-family:sans-serif;font-size:13px;border:1px solid #8884;border-radius:6px;padding:8px 12px;margin:4px 0";
}
