using Deforum.Settings;

namespace Deforum.Schedules.Paths;

/// <summary>
/// The per-frame motion values that carry the camera from pose to pose. Frame f's values move it from pose f−1 to
/// pose f, as the renderer applies them. Frame 0's (applied only by cadence in-betweens) are, for a loop, the step from
/// pose N−1 to pose N — the first pose again, its heading turned by the loop's whole turns — and otherwise frame 1's.
/// </summary>
static class PoseMotion
{
    /// <summary>
    /// 3D (spec §12.1): a point p of the previous view is q = p·R + T in the new one, with T = (−tx, ty, −tz)/200 and
    /// R = Rx·Ry·Rz. So the camera turns by R first and then moves by (tx, −ty, tz) along its new axes (x right, y
    /// down, z ahead): the step is the world step seen from the turned camera, and rotation_3d_y turns it to the right.
    /// </summary>
    public static PathSchedules ThreeD(int n, Func<int, CameraPose> pose, bool loop)
    {
        double[] tx = new double[n], ty = new double[n], tz = new double[n], ry = new double[n];
        for (int f = 0; f < n; f++)
        {
            var (from, to) = Step(n, pose, f, loop);
            double dx = to.Right - from.Right, dz = to.Ahead - from.Ahead;
            double c = Math.Cos(to.Yaw), s = Math.Sin(to.Yaw);
            tx[f] = c * dx - s * dz;
            ty[f] = to.Up - from.Up;
            tz[f] = s * dx + c * dz;
            ry[f] = Degrees(to.Yaw - from.Yaw);
        }
        double[] zero = new double[n];
        return Build(AnimationModes.ThreeD, n,
            ("translation_x", tx), ("translation_y", ty), ("translation_z", tz),
            ("rotation_3d_x", zero), ("rotation_3d_y", ry), ("rotation_3d_z", zero));
    }

    /// <summary>
    /// 2D (spec §11): the picture is moved by (tx, ty) pixels, then turned by angle (counter-clockwise, OpenCV's
    /// sense) about the frame centre. So the translation is the camera's step backwards, seen from the camera before it
    /// turns, in screen axes (x right, y down); a camera turning right turns the picture counter-clockwise.
    /// </summary>
    public static PathSchedules TwoD(int n, Func<int, CameraPose> pose, bool loop)
    {
        double[] angle = new double[n], tx = new double[n], ty = new double[n], zoom = new double[n];
        for (int f = 0; f < n; f++)
        {
            var (from, to) = Step(n, pose, f, loop);
            double dRight = from.Right - to.Right, dUp = from.Up - to.Up;
            double c = Math.Cos(from.Yaw), s = Math.Sin(from.Yaw);
            tx[f] = c * dRight - s * dUp;
            ty[f] = -(s * dRight + c * dUp);
            angle[f] = Degrees(to.Yaw - from.Yaw);
            zoom[f] = 1;
        }
        return Build(AnimationModes.TwoD, n, ("angle", angle), ("zoom", zoom), ("translation_x", tx), ("translation_y", ty));
    }

    public static PathSchedules Build(string mode, int frames, params (string Setting, double[] Values)[] schedules) =>
        new(mode, frames, [.. schedules.Select(s => new PathSchedule(s.Setting, KeyframeWriter.Write(s.Values), s.Values))]);

    static (CameraPose From, CameraPose To) Step(int n, Func<int, CameraPose> pose, int f, bool loop) =>
        f > 0 ? (pose(f - 1), pose(f)) : loop ? (pose(n - 1), pose(n)) : (pose(0), pose(1));

    static double Degrees(double radians) => radians * 180 / Math.PI;
}
