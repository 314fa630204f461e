using Deforum.Settings;

namespace Deforum.Schedules;

/// <summary>How a schedule's gaps between keyframes are filled: 0.4's straight lines, or a natural cubic spline.</summary>
public enum KeyframeCurve { Linear, Cubic }

/// <summary>keyframe_interpolation and its per-schedule override schedule_interpolation, read as <see cref="KeyframeCurve"/>s.</summary>
public static class KeyframeCurves
{
    const string Global = "keyframe_interpolation";
    const string PerSchedule = "schedule_interpolation";

    /// <summary>The accepted setting values, in <see cref="KeyframeCurve"/> order.</summary>
    public static IReadOnlyList<string> Names { get; } = Enum.GetNames<KeyframeCurve>();

    /// <summary>The curve of one schedule: its schedule_interpolation entry, else keyframe_interpolation.</summary>
    /// <exception cref="SettingsException">The value that applies is not one of <see cref="Names"/>.</exception>
    public static KeyframeCurve For(AnimationSettings animation, string schedule)
    {
        ArgumentNullException.ThrowIfNull(animation);
        var problems = new ProblemCollector();
        bool own = animation.ScheduleInterpolation.TryGetValue(schedule, out var value);
        CheckValue(problems, own ? PerSchedule : Global, own ? schedule : null, own ? value! : animation.KeyframeInterpolation);
        problems.ThrowIfAny();
        return Enum.Parse<KeyframeCurve>(own ? value! : animation.KeyframeInterpolation);
    }

    /// <summary>Both settings: the values, and that every schedule_interpolation key names a keyframed schedule.</summary>
    public static void Check(AnimationSettings animation, ProblemCollector problems)
    {
        ArgumentNullException.ThrowIfNull(animation);
        ArgumentNullException.ThrowIfNull(problems);
        CheckValue(problems, Global, null, animation.KeyframeInterpolation);
        var schedules = AnimationSchedules.Keyframed.Select(k => k.Setting).ToList();
        foreach (var (schedule, value) in animation.ScheduleInterpolation)
        {
            if (schedules.Contains(schedule, StringComparer.Ordinal))
                CheckValue(problems, PerSchedule, schedule, value);
            else
                problems.Add(PerSchedule, null, schedule, NotKeyframed(schedule, schedules),
                    $"use the names of keyframed schedules, e.g. {{\"zoom\": \"Cubic\", \"angle\": \"Linear\"}}; they are: {string.Join(", ", schedules)}");
        }
    }

    static string NotKeyframed(string schedule, IReadOnlyList<string> schedules) => schedule switch
    {
        "sampler_schedule" => "sampler_schedule holds sampler names, which are carried forward, never interpolated",
        "seed_schedule" => "seed_schedule gives whole seeds and is always linear (a curve between seeds means nothing)",
        _ => $"'{schedule}' is not a keyframed schedule" +
             (schedules.FirstOrDefault(s => string.Equals(s, schedule.Trim(), StringComparison.OrdinalIgnoreCase)) is { } near ? $" (did you mean '{near}'?)" : ""),
    };

    static void CheckValue(ProblemCollector problems, string setting, string? schedule, string value)
    {
        if (Names.Contains(value, StringComparer.Ordinal)) return;
        var near = Names.FirstOrDefault(n => string.Equals(n, value.Trim(), StringComparison.OrdinalIgnoreCase));
        var what = schedule is null ? $"'{value}'" : $"'{value}' for {schedule}";
        problems.Add(setting, null, value, $"{what} is not a keyframe interpolation{(near is null ? "" : $" (did you mean '{near}'?)")}",
            $"use one of: {string.Join(", ", Names.Select(n => $"'{n}'"))} ('Linear' joins the keyframes with straight lines, 'Cubic' with a smooth spline)");
    }
}
