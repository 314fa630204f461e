using System.Globalization;
using System.Text.RegularExpressions;

namespace Deforum.Schedules;

/// <summary>
/// Recognises keyframe values that are plain numbers, i.e. what Python's float() accepts in 0.4 (surrounding
/// whitespace and exponents allowed). Such keys are interpolated; everything else is an expression.
/// </summary>
static partial class PlainNumber
{
    [GeneratedRegex(@"^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$")]
    private static partial Regex Pattern();

    [GeneratedRegex(@"^\s*[+-]?\d+,\d+\s*$")]
    private static partial Regex CommaDecimal();

    public static bool TryParse(string text, out double value)
    {
        value = 0;
        return Pattern().IsMatch(text)
            && double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>True for "1,02": a decimal comma from a non-English locale rather than an argument list.</summary>
    public static bool LooksLikeCommaDecimal(string text) => CommaDecimal().IsMatch(text);
}
