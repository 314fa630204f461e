using Deforum.Settings;

namespace Deforum.Schedules.Paths;

/// <summary>
/// The per-frame motion values that carry the camera round a loop of poses. Frame f's values move it from pose f−1 to
/// pose f, as the renderer applies them; frame 0's (applied only by cadence in-betweens) close the loop, from pose N−1
/// to pose N — the first pose again, its heading turned by the loop's whole turns.
/// </summary>
static class PoseMotion
{
    /// <summary>
    /// 3D (spec §12.1): a point p of the previous view is q = p·R + T in the new one, with T = (−tx, ty, −tz)/200 and
    /// R = Rx·Ry·Rz. So the camera turns by R first and then moves by (tx, −ty, tz) along its new axes (x right, y
    /// down, z ahead): the step is the world step seen from the turned camera, and rotation_3d_y turns it to the right.
    /// </summary>
    public static PathSchedules ThreeD(int n, Func<int, CameraPose> pose)
    {
        var v = PerFrame(n, pose, (from, to) =>
        {
            double dx = to.Right - from.Right, dz = to.Ahead - from.Ahead;
            double c = Math.Cos(to.Yaw), s = Math.Sin(to.Yaw);
            return [c * dx - s * dz, to.Up - from.Up, s * dx + c * dz, Degrees(to.Yaw - from.Yaw)];
        });
        double[] zero = new double[n];
        return Build(AnimationModes.ThreeD, n,
            ("translation_x", v[0]), ("translation_y", v[1]), ("translation_z", v[2]),
            ("rotation_3d_x", zero), ("rotation_3d_y", v[3]), ("rotation_3d_z", zero));
    }

    /// <summary>
    /// 2D (spec §11): the picture is moved by (tx, ty) pixels, then turned by angle (counter-clockwise, OpenCV's
    /// sense) about the frame centre. So the translation is the camera's step backwards, seen from the camera before it
    /// turns, in screen axes (x right, y down); a camera turning right turns the picture counter-clockwise.
    /// </summary>
    public static PathSchedules TwoD(int n, Func<int, CameraPose> pose)
    {
        var v = PerFrame(n, pose, (from, to) =>
        {
            double dRight = from.Right - to.Right, dUp = from.Up - to.Up;
            double c = Math.Cos(from.Yaw), s = Math.Sin(from.Yaw);
            return [Degrees(to.Yaw - from.Yaw), c * dRight - s * dUp, -(s * dRight + c * dUp)];
        });
        double[] one = [.. Enumerable.Repeat(1.0, n)];
        return Build(AnimationModes.TwoD, n, ("angle", v[0]), ("zoom", one), ("translation_x", v[1]), ("translation_y", v[2]));
    }

    public static PathSchedules Build(string mode, int frames, params (string Setting, double[] Values)[] schedules) =>
        new(mode, frames, [.. schedules.Select(s => new PathSchedule(s.Setting, KeyframeWriter.Write(s.Values), s.Values))]);

    /// <summary>The values <paramref name="step"/> gives for each frame's pair of poses, one array per value.</summary>
    static double[][] PerFrame(int n, Func<int, CameraPose> pose, Func<CameraPose, CameraPose, double[]> step)
    {
        var frames = Enumerable.Range(0, n).Select(f => f > 0 ? step(pose(f - 1), pose(f)) : step(pose(n - 1), pose(n))).ToArray();
        return [.. Enumerable.Range(0, frames[0].Length).Select(k => frames.Select(values => values[k]).ToArray())];
    }

    static double Degrees(double radians) => radians * 180 / Math.PI;
}
