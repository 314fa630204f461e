using System.Globalization;
using Deforum.Schedules;
using Deforum.Settings;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace Deforum.Tests.Schedules;

public class SchedulePropertyTests
{
    const int MaxFrames = 40;

    /// <summary>Distinct in-range keys including frame 0, sorted, with values on a 0.01 grid.</summary>
    static readonly Gen<(int Frame, double Value)[]> KeysGen =
        from frames in Gen.SubListOf(Enumerable.Range(1, MaxFrames - 1).ToArray())
        from values in Gen.ArrayOf(Gen.Choose(-500, 500).Select(v => v / 100.0), frames.Count + 1)
        select new[] { 0 }.Concat(frames.OrderBy(f => f)).Select((f, i) => (f, values[i])).ToArray();

    static string Format((int Frame, double Value)[] keys) =>
        string.Join(", ", keys.Select(k => $"{k.Frame}:({k.Value.ToString("R", CultureInfo.InvariantCulture)})"));

    [Fact]
    public void Values_at_keyframes_are_exact() =>
        Prop.ForAll(KeysGen.ToArbitrary(), keys =>
        {
            var series = KeyframeSchedule.Parse("zoom", Format(keys)).Expand(MaxFrames);
            return keys.All(k => series[k.Frame] == k.Value);
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Expansion_is_piecewise_linear_between_keys_and_constant_after_the_last() =>
        Prop.ForAll(KeysGen.ToArbitrary(), keys =>
        {
            var series = KeyframeSchedule.Parse("zoom", Format(keys)).Expand(MaxFrames);
            for (int k = 0; k + 1 < keys.Length; k++)
            {
                var (x0, y0) = keys[k];
                var (x1, y1) = keys[k + 1];
                for (int f = x0; f <= x1; f++)
                    if (Math.Abs(series[f] - (y0 + (y1 - y0) * (f - x0) / (x1 - x0))) > 1e-9) return false;
            }
            return Enumerable.Range(keys[^1].Frame, MaxFrames - keys[^1].Frame).All(f => series[f] == keys[^1].Value);
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Expressions_equal_the_plain_form_where_both_apply() =>
        Prop.ForAll(KeysGen.ToArbitrary(), keys =>
        {
            // Each segment written as its own straight-line formula of t must reproduce the interpolated series.
            var entries = keys.Select((k, i) =>
            {
                if (i + 1 == keys.Length) return $"{k.Frame}:({R(k.Value)})";
                var (x1, y1) = keys[i + 1];
                return $"{k.Frame}:({R(k.Value)} + ({R(y1)} - {R(k.Value)}) * (t - {k.Frame}) / {x1 - k.Frame})";
            });
            var plain = KeyframeSchedule.Parse("zoom", Format(keys)).Expand(MaxFrames);
            var expr = KeyframeSchedule.Parse("zoom", string.Join(", ", entries)).Expand(MaxFrames);
            return plain.Zip(expr).All(p => Math.Abs(p.First - p.Second) <= 1e-9);
        }).QuickCheckThrowOnFailure();

    static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    static readonly Gen<string> NoiseGen =
        Gen.ArrayOf(Gen.Elements("0", "1", "9", ":", "(", ")", ",", " ", ".", "t", "-", "*", "**", "%", "sin", "e", "x", "\"", "\t", "max_f", "/", "<", "~", "1e9", "`"))
            .Select(parts => string.Concat(parts));

    [Fact]
    public void Random_strings_fail_only_with_the_projects_validation_exception() =>
        Prop.ForAll(NoiseGen.ToArbitrary(), text =>
        {
            try
            {
                KeyframeSchedule.Parse("zoom", text).Expand(12, 3);
            }
            catch (SettingsException e)
            {
                return e.Problems.Count > 0 && e.Problems.All(p => p.Setting is "zoom" or "max_frames" && p.Fix.Length > 0);
            }
            return true;
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Arbitrary_unicode_strings_fail_only_with_the_projects_validation_exception() =>
        Prop.ForAll(ArbMap.Default.ArbFor<string>(), text =>
        {
            try
            {
                KeyframeSchedule.Parse("zoom", text).Expand(5);
            }
            catch (SettingsException)
            {
            }
            return true;
        }).QuickCheckThrowOnFailure();
}
