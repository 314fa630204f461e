using System.Text.RegularExpressions;
using Deforum.Schedules.Paths;
using Deforum.Settings;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace Deforum.Tests.Schedules.Paths;

/// <summary>Random paths of every kind: the strings parse back to the values, loops close, radii and totals hold.</summary>
public partial class CameraPathPropertyTests
{
    /// <summary>Half the last of the writer's six decimals (plus the parser's double arithmetic).</summary>
    const double WrittenTolerance = 5e-7 + 1e-12;

    /// <summary>
    /// Each frame's values carry up to 5e-7 of rounding (units or degrees, the writer's six decimals); a degree of
    /// rounding moves a point <paramref name="radius"/> from the turn's centre by radius·π/180. Doubled, and 1e-6 of the
    /// size for the float32 2D translation.
    /// </summary>
    static double Drift(int frames, double radius) => 2 * frames * 5e-7 * (1 + radius * Math.PI / 180) + 1e-6 * radius;

    static readonly Gen<string> Modes = Gen.Elements(AnimationModes.TwoD, AnimationModes.ThreeD);

    public sealed record OrbitCase(int Frames, double Radius, double? RadiusAhead, int Turns, bool Face, string Mode)
    {
        public PathSchedules Path() => CameraPath.Orbit(Frames, Radius, Mode, RadiusAhead, Turns, Face);
    }

    static readonly Gen<OrbitCase> Orbits =
        from turns in Gen.Elements(1, 2, -1, -3)
        from frames in Gen.Choose(4 * Math.Abs(turns), 240)
        from radius in Gen.Choose(1, 2000).Select(r => r / 2.0)
        from ellipse in Gen.Elements(false, true)
        from ahead in Gen.Choose(1, 2000).Select(r => r / 2.0)
        from face in Gen.Elements(true, false)
        from mode in Modes
        select new OrbitCase(frames, radius, ellipse ? ahead : null, turns, face, mode);

    public sealed record PushCase(int Frames, double Turns, string Mode, double Push, Easing Ease)
    {
        /// <summary>2D: Push is the total zoom; 3D: 100·Push is the distance.</summary>
        public PathSchedules Path()
        {
            double? zoom = Mode == AnimationModes.TwoD ? Push : null, distance = Mode == AnimationModes.ThreeD ? 100 * Push : null;
            return Turns == 0 ? CameraPath.Dolly(Frames, Mode, zoom, distance, Ease) : CameraPath.SpiralZoom(Frames, Turns, Mode, zoom, distance, Ease);
        }
    }

    static readonly Gen<PushCase> Pushes =
        from frames in Gen.Choose(2, 200)
        from turns in Gen.Choose(-20, 20).Select(t => t / 10.0)
        from mode in Modes
        from push in Gen.Choose(1, 400).Select(p => p / 100.0)
        from ease in Gen.Elements(Easing.Linear, Easing.In, Easing.Out, Easing.InOut)
        select new PushCase(frames, Math.Sign(turns) * Math.Min(Math.Abs(turns), (frames - 1) / 4.0), mode, push, ease);

    static readonly Gen<PathSchedules> AnyPath = Gen.OneOf(
        Orbits.Select(o => o.Path()),
        from loops in Gen.Elements(1, -2)
        from frames in Gen.Choose(8, 200)
        from w in Gen.Choose(-400, 400)
        from h in Gen.Choose(1, 300)
        from mode in Modes
        select CameraPath.FigureEight(frames, w, h, mode, loops),
        Pushes.Select(p => p.Path()));

    [GeneratedRegex(@"^\d+:\(-?\d+(\.\d{1,6})?\)$")]
    private static partial Regex PlainKey();

    [Fact]
    public void Every_string_parses_back_to_its_values_and_is_plain_invariant_numbers() =>
        Prop.ForAll(AnyPath.ToArbitrary(), path =>
        {
            var expanded = PathReplay.Expanded(path);
            foreach (var s in path.Schedules)
            {
                Assert.All(s.Keyframes.Split(", "), key => Assert.Matches(PlainKey(), key));
                Assert.Equal(path.Frames, s.Values.Count);
                for (int f = 0; f < path.Frames; f++)
                    Assert.True(Math.Abs(expanded[s.Setting][f] - s.Values[f]) <= WrittenTolerance,
                        $"{s.Setting} frame {f}: written {expanded[s.Setting][f]}, meant {s.Values[f]}");
            }
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Orbits_in_3D_close_and_keep_their_radius_about_the_centre() =>
        Prop.ForAll(Orbits.Where(o => o.Mode == AnimationModes.ThreeD).ToArbitrary(), o =>
        {
            var maps = PathReplay.Camera3D(o.Path(), closing: true);
            double a = o.Radius, b = o.RadiusAhead ?? o.Radius, tolerance = Drift(o.Frames, Math.Max(a, b));
            double[] centre = [0, 0, b / 200];
            var (r, t) = maps[^1];
            for (int i = 0; i < 3; i++)
            {
                Assert.True(Math.Abs(t[i] * 200) <= tolerance, $"after the loop the camera is {t[i] * 200} units off on axis {i}");
                for (int j = 0; j < 3; j++)
                    Assert.True(Math.Abs(r[i, j] - (i == j ? 1 : 0)) <= tolerance / Math.Max(a, b), "after the loop the camera is turned");
            }
            for (int f = 0; f < o.Frames; f++)
            {
                var p = PathReplay.Position(maps[f]);
                double theta = 2 * Math.PI * o.Turns * f / o.Frames;
                // on the ellipse about the centre, on the ground
                double[] expected = [a * Math.Sin(theta) / 200, 0, b * (1 - Math.Cos(theta)) / 200];
                for (int i = 0; i < 3; i++)
                    Assert.True(Math.Abs(p[i] - expected[i]) * 200 <= tolerance, $"frame {f}: axis {i} at {p[i] * 200}, expected {expected[i] * 200}");
                if (!o.Face) continue;
                // the centre stays straight ahead
                var seen = PathReplay.Seen(maps[f], centre);
                Assert.True(Math.Abs(seen[0]) * 200 <= tolerance && Math.Abs(seen[1]) * 200 <= tolerance && seen[2] > 0,
                    $"frame {f}: the centre is seen at ({seen[0] * 200}, {seen[1] * 200}, {seen[2] * 200})");
            }
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Orbits_in_2D_close_and_keep_the_centre_ahead_or_circle_it() =>
        Prop.ForAll(Orbits.Where(o => o.Mode == AnimationModes.TwoD).ToArbitrary(), o =>
        {
            const int W = 512, H = 384;
            var maps = PathReplay.Picture2D(o.Path(), W, H, closing: true);
            // a rounded angle moves a pixel by its distance from the frame centre, up to the orbit plus the frame's diagonal
            double a = o.Radius, b = o.RadiusAhead ?? o.Radius, tolerance = Drift(o.Frames, Math.Max(a, b) + Math.Sqrt(W * W + H * H));
            foreach (var (x, y) in new[] { (0.0, 0.0), (W, H), (W / 2.0, 0.0) })
            {
                var (cx, cy) = PathReplay.Apply(maps[^1], x, y);
                Assert.True(Math.Abs(cx - x) <= tolerance && Math.Abs(cy - y) <= tolerance, $"after the loop ({x}, {y}) is at ({cx}, {cy})");
            }
            // the centre of the orbit: b up the picture from the frame centre
            double centreX = W / 2, centreY = H / 2 - b;
            for (int f = 0; f < o.Frames; f++)
            {
                var (x, y) = PathReplay.Apply(maps[f], centreX, centreY);
                double theta = 2 * Math.PI * o.Turns * f / o.Frames;
                // facing: straight up the picture at the camera's distance; keeping the heading: moving opposite to the camera
                double distance = Math.Sqrt(Math.Pow(a * Math.Sin(theta), 2) + Math.Pow(b * Math.Cos(theta), 2));
                var (ex, ey) = o.Face ? (centreX, H / 2 - distance) : (centreX - a * Math.Sin(theta), centreY + b * (1 - Math.Cos(theta)));
                Assert.True(Math.Abs(x - ex) <= tolerance && Math.Abs(y - ey) <= tolerance, $"frame {f}: the centre is at ({x}, {y}), expected ({ex}, {ey})");
            }
        }).QuickCheckThrowOnFailure();

    static readonly string[] Unused3D = ["translation_x", "translation_y", "rotation_3d_x", "rotation_3d_y"];

    [Fact]
    public void Pushes_reach_their_totals_at_the_last_frame_and_frame_0_repeats_frame_1() =>
        Prop.ForAll(Pushes.ToArbitrary(), p =>
        {
            var s = PathReplay.Expanded(p.Path());
            var warps = Enumerable.Range(1, p.Frames - 1);
            double tolerance = 2 * p.Frames * 5e-7;
            if (p.Mode == AnimationModes.TwoD)
            {
                double zoom = warps.Aggregate(1.0, (z, f) => z * s["zoom"][f]);
                Assert.True(Math.Abs(zoom / p.Push - 1) <= tolerance, $"zoomed {zoom}, asked {p.Push}");
                Assert.True(Math.Abs(warps.Sum(f => s["angle"][f]) - 360 * p.Turns) <= tolerance, "angle total");
                Assert.All(s["translation_x"].Concat(s["translation_y"]), v => Assert.Equal(0, v));
            }
            else
            {
                Assert.True(Math.Abs(warps.Sum(f => s["translation_z"][f]) - 100 * p.Push) <= tolerance, "distance total");
                Assert.True(Math.Abs(warps.Sum(f => s["rotation_3d_z"][f]) - 360 * p.Turns) <= tolerance, "roll total");
                Assert.All(Unused3D.SelectMany(k => s[k]), v => Assert.Equal(0, v));
            }
            Assert.All(s.Values, values => Assert.Equal(values[1], values[0]));
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Figure_eights_close_and_span_their_width_and_height() =>
        Prop.ForAll((from loops in Gen.Elements(1, 2, -1)
                     from frames in Gen.Choose(16, 240).Select(f => f / (8 * Math.Abs(loops)) * 8 * Math.Abs(loops))
                     from w in Gen.Choose(1, 800)
                     from h in Gen.Choose(1, 400)
                     from mode in Modes
                     select (frames, w, h, loops, mode)).ToArbitrary(), c =>
        {
            var path = CameraPath.FigureEight(c.frames, c.w, c.h, c.mode, c.loops);
            double tolerance = Drift(c.frames, 0);
            // the camera's position as the summed steps (it keeps its heading): 3D translation x/y, 2D the picture's opposite move
            var s = PathReplay.Expanded(path);
            double x = 0, y = 0, minX = 0, maxX = 0, minY = 0, maxY = 0;
            foreach (int f in Enumerable.Range(1, c.frames - 1).Append(0))
            {
                x += c.mode == AnimationModes.ThreeD ? s["translation_x"][f] : -s["translation_x"][f];
                y += s["translation_y"][f];
                (minX, maxX, minY, maxY) = (Math.Min(minX, x), Math.Max(maxX, x), Math.Min(minY, y), Math.Max(maxY, y));
            }
            Assert.True(Math.Abs(x) <= tolerance && Math.Abs(y) <= tolerance, $"after the loop the camera is at ({x}, {y})");
            // 8 frames per loop or a multiple land exactly on the extremes (θ = π/4, π/2, …)
            Assert.True(Math.Abs(maxX - minX - c.w) <= tolerance && Math.Abs(maxY - minY - c.h) <= tolerance,
                $"spans {maxX - minX} × {maxY - minY}, asked {c.w} × {c.h}");
        }).QuickCheckThrowOnFailure();
}
