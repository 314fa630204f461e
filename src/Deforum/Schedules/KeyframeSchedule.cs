using Deforum.Settings;

namespace Deforum.Schedules;

/// <summary>A parsed keyframe string of one setting (e.g. <c>zoom</c>), ready to expand to a per-frame series.</summary>
public sealed class KeyframeSchedule
{
    public string Setting { get; }
    public string Text { get; }

    /// <summary>Keys in the order written (the order the original's dictionary kept them in).</summary>
    public IReadOnlyList<Keyframe> Keys { get; }

    KeyframeSchedule(string setting, string text, IReadOnlyList<Keyframe> keys)
    {
        Setting = setting;
        Text = text;
        Keys = keys;
    }

    /// <exception cref="SettingsException">Every syntax problem of the string, each with its position and fix.</exception>
    /// <param name="textValues">Keep each value as text instead of a number or expression (see <see cref="SamplerSchedule"/>).</param>
    public static KeyframeSchedule Parse(string setting, string? text, bool textValues = false)
    {
        if (text is null)
            throw new SettingsException(new SettingProblem(setting, null, "null", "the schedule is missing",
                "give a keyframe string, e.g. 0:(0)"));
        return new KeyframeSchedule(setting, text, KeyframeParser.Parse(text, setting, textValues));
    }

    /// <summary>One value per frame 0 … maxFrames−1; see <see cref="ScheduleExpansion"/> for the rules.</summary>
    /// <param name="curve">How the gaps between keyframes are filled (keyframe_interpolation).</param>
    /// <exception cref="SettingsException">maxFrames &lt; 1, or an expression yields a non-finite value.</exception>
    public double[] Expand(int maxFrames, double seed = 0, KeyframeCurve curve = KeyframeCurve.Linear) =>
        ScheduleExpansion.Expand(this, maxFrames, seed, curve);

    public override string ToString() => $"{Setting} = {Text}";
}
