using Deforum.Animation;
using Deforum.Animation.Warp;
using Deforum.Schedules;
using Deforum.Schedules.Paths;

namespace Deforum.Tests.Schedules.Paths;

/// <summary>
/// Replays a path's schedules, parsed back through the schedule parser, the way the warps apply them: 3D from the
/// spec's camera formula (§12.1, written out here independently of the library), 2D through the project's own
/// <see cref="Warp2D.ForwardMatrix"/>. Frames 1 … N−1 in order, then frame 0's values as the step that closes a loop.
/// </summary>
static class PathReplay
{
    /// <summary>Every schedule of the path as the renderer expands it.</summary>
    public static Dictionary<string, double[]> Expanded(PathSchedules path) =>
        path.Schedules.ToDictionary(s => s.Setting, s => KeyframeSchedule.Parse(s.Setting, s.Keyframes).Expand(path.Frames));

    /// <summary>Order of the steps: frame 1 … N−1, then (for a loop's seam) frame 0.</summary>
    static IEnumerable<int> Steps(int frames, bool closing) =>
        closing ? Enumerable.Range(1, frames - 1).Append(0) : Enumerable.Range(1, frames - 1);

    /// <summary>
    /// 3D: the map from the first camera's coordinates (x right, y down, z ahead, camera units) to the camera's
    /// after each step, q = p·R + T with R = Rx·Ry·Rz and T = (−tx, ty, −tz)/200, composed step by step.
    /// Element k is the map after k steps (element 0 the identity).
    /// </summary>
    public static List<(double[,] R, double[] T)> Camera3D(PathSchedules path, bool closing)
    {
        var s = Expanded(path);
        var maps = new List<(double[,] R, double[] T)> { (Identity(), [0, 0, 0]) };
        foreach (int f in Steps(path.Frames, closing))
        {
            var r = Multiply(Multiply(Rx(s["rotation_3d_x"][f]), Ry(s["rotation_3d_y"][f])), Rz(s["rotation_3d_z"][f]));
            double[] t = [-s["translation_x"][f] / 200, s["translation_y"][f] / 200, -s["translation_z"][f] / 200];
            var (accR, accT) = maps[^1];
            var newT = RowTimes(accT, r);
            maps.Add((Multiply(accR, r), [newT[0] + t[0], newT[1] + t[1], newT[2] + t[2]]));
        }
        return maps;
    }

    /// <summary>Where point <paramref name="p"/> of the first camera's space is seen by a camera the map leads to.</summary>
    public static double[] Seen((double[,] R, double[] T) map, double[] p)
    {
        var q = RowTimes(p, map.R);
        return [q[0] + map.T[0], q[1] + map.T[1], q[2] + map.T[2]];
    }

    /// <summary>The camera's own position in the first camera's space: the p that it sees at q = 0.</summary>
    public static double[] Position((double[,] R, double[] T) map)
    {
        // p·R = −T with R orthonormal: p = −T·Rᵀ
        var (r, t) = map;
        return [.. Enumerable.Range(0, 3).Select(i => -(t[0] * r[i, 0] + t[1] * r[i, 1] + t[2] * r[i, 2]))];
    }

    /// <summary>2D: the forward matrices composed, element k mapping the first frame's pixels to where they are after k steps.</summary>
    public static List<Matrix3> Picture2D(PathSchedules path, int width, int height, bool closing)
    {
        var s = Expanded(path);
        var maps = new List<Matrix3> { Matrix3.Identity };
        foreach (int f in Steps(path.Frames, closing))
        {
            var motion = new MotionFrame { Angle = s["angle"][f], Zoom = s["zoom"][f], TranslationX = s["translation_x"][f], TranslationY = s["translation_y"][f] };
            maps.Add(Warp2D.ForwardMatrix(motion, width, height) * maps[^1]);
        }
        return maps;
    }

    public static (double X, double Y) Apply(Matrix3 m, double x, double y)
    {
        double w = m.M20 * x + m.M21 * y + m.M22;
        return ((m.M00 * x + m.M01 * y + m.M02) / w, (m.M10 * x + m.M11 * y + m.M12) / w);
    }

    static double[,] Identity() => new double[,] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } };

    static double[,] Rx(double degrees)
    {
        double a = degrees * Math.PI / 180, c = Math.Cos(a), s = Math.Sin(a);
        return new double[,] { { 1, 0, 0 }, { 0, c, -s }, { 0, s, c } };
    }

    static double[,] Ry(double degrees)
    {
        double a = degrees * Math.PI / 180, c = Math.Cos(a), s = Math.Sin(a);
        return new double[,] { { c, 0, s }, { 0, 1, 0 }, { -s, 0, c } };
    }

    static double[,] Rz(double degrees)
    {
        double a = degrees * Math.PI / 180, c = Math.Cos(a), s = Math.Sin(a);
        return new double[,] { { c, -s, 0 }, { s, c, 0 }, { 0, 0, 1 } };
    }

    static double[,] Multiply(double[,] a, double[,] b)
    {
        var m = new double[3, 3];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                m[i, j] = a[i, 0] * b[0, j] + a[i, 1] * b[1, j] + a[i, 2] * b[2, j];
        return m;
    }

    static double[] RowTimes(double[] p, double[,] r) =>
        [.. Enumerable.Range(0, 3).Select(j => p[0] * r[0, j] + p[1] * r[1, j] + p[2] * r[2, j])];
}
