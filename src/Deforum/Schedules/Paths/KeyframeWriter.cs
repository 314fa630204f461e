using System.Globalization;

namespace Deforum.Schedules.Paths;

/// <summary>
/// Writes one value per frame as a plain-number keyframe string that expands back to those values: a key wherever
/// the values bend, none inside a straight run (the schedule's linear interpolation refills it exactly), and a lone
/// <c>0:(v)</c> for a constant. Plain numbers rather than expressions, so the 0.4 notebook reads the file too.
/// </summary>
static class KeyframeWriter
{
    /// <summary>
    /// Six decimals: finer than the float32 the warps compute in, short enough to read. A 1000-frame loop drifts
    /// by at most 1000 × 5e-7 = 5e-4 units (pixels, degrees) from the rounding.
    /// </summary>
    public const int Decimals = 6;

    const string Format = "0.######";

    public static string Write(IReadOnlyList<double> values)
    {
        var text = values.Select(Number).ToArray();
        var exact = text.Select(t => decimal.Parse(t, CultureInfo.InvariantCulture)).ToArray();
        var keys = new List<int> { 0 };
        for (int f = 1; f < exact.Length - 1; f++)
            if (exact[f] - exact[f - 1] != exact[f + 1] - exact[f]) keys.Add(f);
        // the last frame takes the last key's value, so a flat run to the end needs no closing key
        if (exact.Length > 1 && exact[^1] != exact[keys[^1]]) keys.Add(exact.Length - 1);
        return string.Join(", ", keys.Select(f => $"{f}:({text[f]})"));
    }

    static string Number(double value)
    {
        var text = value.ToString(Format, CultureInfo.InvariantCulture);
        return text == "-0" ? "0" : text;
    }
}
