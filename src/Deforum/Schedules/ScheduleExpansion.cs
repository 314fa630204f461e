using Deforum.Settings;

namespace Deforum.Schedules;

/// <summary>
/// Port of deforum-stable-diffusion helpers/animation.py::get_inbetweens (0.4 pandas form plus the 0.5+ numexpr
/// walk). Numeric keys are joined by straight lines; an expression key is evaluated at every frame from its key
/// up to the next key. Kept from 0.4: a key at or beyond max_frames is appended past the end and takes part in
/// the interpolation (compressing the last ramp), and the last frame takes the last stored value. Fixed: a
/// schedule without a 0: key no longer crashes (frames before the first key hold its value, as in 0.4).
/// <see cref="KeyframeCurve.Cubic"/> fills the same gaps through the same points with a natural cubic spline.
/// </summary>
static class ScheduleExpansion
{
    public static double[] Expand(KeyframeSchedule schedule, int maxFrames, double seed, KeyframeCurve curve)
    {
        if (maxFrames < 1)
            throw new SettingsException(new SettingProblem("max_frames", null, maxFrames.ToString(),
                "there must be at least one frame to schedule", "set max_frames to 1 or more"));

        var variables = new ScheduleVariables(0, maxFrames - 1, seed);
        var inRange = schedule.Keys.Where(k => k.Frame < maxFrames).OrderBy(k => k.Frame).ToList();
        var beyond = schedule.Keys.Where(k => k.Frame >= maxFrames).ToList();

        var series = new double[maxFrames + beyond.Count];
        Array.Fill(series, double.NaN);
        for (int k = 0; k < inRange.Count; k++)
        {
            var key = inRange[k];
            int end = key.IsNumber ? key.Frame + 1 : k + 1 < inRange.Count ? inRange[k + 1].Frame : maxFrames;
            for (int f = key.Frame; f < end; f++)
                series[f] = Checked(schedule, key, key.ValueAt(variables with { T = f }), f);
        }
        for (int k = 0; k < beyond.Count; k++)
            series[maxFrames + k] = Checked(schedule, beyond[k], beyond[k].ValueAt(variables with { T = beyond[k].Frame }), beyond[k].Frame);

        if (curve == KeyframeCurve.Cubic) FillEndsAndSpline(series, maxFrames);
        else FillEndsAndInterpolate(series, maxFrames);
        return series[..maxFrames];
    }

    static double Checked(KeyframeSchedule schedule, Keyframe key, double value, int frame) =>
        double.IsFinite(value)
            ? value
            : throw new SettingsException(new SettingProblem(schedule.Setting, key.Position, key.Text,
                $"the value is {value} at frame {frame}", "change the expression so it stays finite (e.g. avoid dividing by t at frame 0)"));

    /// <summary>Element 0 := first stored value, element maxFrames−1 := last stored value, then linear fill over positions.</summary>
    static void FillEndsAndInterpolate(double[] series, int maxFrames)
    {
        var known = Known(series);
        double first = series[known[0]], last = series[known[^1]];
        series[0] = first;
        series[maxFrames - 1] = last;
        known = Known(series);
        for (int k = 0; k + 1 < known.Count; k++)
        {
            int x0 = known[k], x1 = known[k + 1];
            double y0 = series[x0], slope = (series[x1] - y0) / (x1 - x0);
            for (int x = x0 + 1; x < x1; x++)
                series[x] = slope * (x - x0) + y0;
        }
    }

    /// <summary>
    /// The points the linear fill joins, less the end fills that only hold a value: frames before the first known
    /// frame and after the last keep its value (the linear fill's flat ends), and the spline runs through everything
    /// between. The 0.4 end rules that set a value stay knots: with keys beyond max_frames the last frame takes the last
    /// stored value, and frame 0 the first where that is not the value of a frame the run keeps (every key beyond, or
    /// the only one in range on the last frame, which the last stored value overwrites).
    /// </summary>
    static void FillEndsAndSpline(double[] series, int maxFrames)
    {
        var stored = Known(series);
        bool beyond = stored[^1] >= maxFrames;
        if (stored[0] >= maxFrames || (beyond && stored[0] == maxFrames - 1)) series[0] = series[stored[0]];
        if (beyond) series[maxFrames - 1] = series[stored[^1]];
        var knots = Known(series).Where(x => x < maxFrames).ToArray();
        double first = series[knots[0]], last = series[knots[^1]];
        if (knots.Length > 1) new NaturalCubicSpline(knots, [.. knots.Select(x => series[x])]).FillGaps(series);
        Array.Fill(series, first, 0, knots[0]);
        Array.Fill(series, last, knots[^1] + 1, maxFrames - 1 - knots[^1]);
    }

    static List<int> Known(double[] series) => [.. Enumerable.Range(0, series.Length).Where(i => !double.IsNaN(series[i]))];
}
