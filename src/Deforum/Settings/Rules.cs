using System.Globalization;

namespace Deforum.Settings;

/// <summary>Range and choice checks that add a teaching problem to the collector instead of throwing.</summary>
static class Rules
{
    /// <summary>
    /// The most images one run plans (2 h 18 min of video at 12 fps): a plan holds every frame, and every schedule one
    /// value per frame, in memory, so max_frames 2147483647 would exhaust it before anything renders.
    /// </summary>
    public const int MaxPlannedImages = 100_000;

    static string Text(double v) => v.ToString(CultureInfo.InvariantCulture);

    /// <summary>A count of planned images above <see cref="MaxPlannedImages"/>.</summary>
    public static void PlanSize(ProblemCollector problems, string setting, long images, string badText)
    {
        if (images <= MaxPlannedImages) return;
        problems.Add(setting, null, badText, $"that makes {images} images, and one run renders at most {MaxPlannedImages}",
            $"lower {setting}, or render a longer animation as several runs");
    }

    public static void AtLeast(ProblemCollector problems, string setting, double value, double min)
    {
        if (value >= min) return;
        problems.Add(setting, null, Text(value), $"must be at least {Text(min)}", $"set {setting} to {Text(min)} or more");
    }

    public static void Between(ProblemCollector problems, string setting, double value, double min, double max, bool exclusive = false)
    {
        bool ok = exclusive ? value > min && value < max : value >= min && value <= max;
        if (ok) return;
        var range = exclusive ? $"strictly between {Text(min)} and {Text(max)}" : $"from {Text(min)} to {Text(max)}";
        problems.Add(setting, null, Text(value), $"must be {range}", $"set {setting} to a value {range}");
    }

    public static void OneOf(ProblemCollector problems, string setting, string value, IReadOnlyList<string> accepted)
    {
        if (accepted.Contains(value, StringComparer.Ordinal)) return;
        var near = accepted.FirstOrDefault(a => string.Equals(a, value.Trim(), StringComparison.OrdinalIgnoreCase));
        var hint = near is null ? "" : $" (did you mean '{near}'?)";
        problems.Add(setting, null, value, $"'{value}' is not an accepted value{hint}",
            "use one of: " + string.Join(", ", accepted.Select(a => $"'{a}'")));
    }
}
