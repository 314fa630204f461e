using System.Text.Json;
using Deforum.Schedules;
using Deforum.Testing;
using Xunit;

namespace Deforum.Tests.Schedules;

/// <summary>
/// Parity with helpers/animation.py::get_inbetweens on the golden "schedule" group, and with scipy's natural cubic
/// spline on the committed cubic cases (their interp_method is "Cubic").
/// </summary>
public class ScheduleGoldenTests
{
    public static IEnumerable<object[]> Cases() => Golden.ImageCases("schedule").Concat(Golden.InterpolationCases("schedule"));

    static GoldenCase Case(string id)
    {
        Golden.RequireData(id != Golden.Missing, "golden schedule cases not found");
        return Golden.IsInterpolationCase(id) ? Golden.InterpolationCase(id) : Golden.ImageCase(id);
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void Expansion_matches_the_original(string id)
    {
        var c = Case(id).Raw;
        var p = c.GetProperty("params");
        var schedule = KeyframeSchedule.Parse("schedule", p.GetProperty("schedule").GetString());
        var curve = p.TryGetProperty("interp_method", out var method) ? Enum.Parse<KeyframeCurve>(method.GetString()!) : KeyframeCurve.Linear;
        var got = schedule.Expand(p.GetProperty("max_frames").GetInt32(), curve: curve);
        if (c.TryGetProperty("raises", out _))
        {
            // The original crashes without a 0: key (docs/compat.md); we hold the first key's value (an expression
            // key's value at its own frame) instead.
            var first = schedule.Keys.MinBy(k => k.Frame)!;
            var held = got[Math.Min(first.Frame, got.Length - 1)];
            Assert.All(got[..Math.Min(first.Frame, got.Length)], v => Assert.Equal(held, v));
            return;
        }
        double rtol = c.GetProperty("tolerance").GetProperty("rtol").GetDouble();
        var expected = c.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToArray();

        Assert.Equal(expected.Length, got.Length);
        for (int i = 0; i < got.Length; i++)
            Assert.True(Math.Abs(got[i] - expected[i]) <= 1e-9 + rtol * Math.Abs(expected[i]), $"{id} frame {i}: {got[i]} vs {expected[i]}");
    }
}
