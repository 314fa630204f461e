using System.Globalization;
using Deforum.Settings;

namespace Deforum.Schedules.Paths;

/// <summary>
/// Ready-made camera moves written as ordinary motion schedules (see <see cref="PathSchedules"/>), for the notebook
/// (<c>CameraPath.Orbit(frames: 120, radius: 400).ApplyTo(animation)</c>) and <c>deforum path</c>. Distances are in
/// the schedules' translation units — pixels in 2D; in 3D 200 units are one unit of depth (spec §12.1), about a metre
/// in 0.4's depth blend (mostly AdaBins' metres), so radius 400 orbits something 2 m ahead — and angles in degrees.
/// Loops (orbit, figure-eight) end one step before their start, so a video of the frames loops seamlessly; one-way
/// moves (dolly, spiral zoom) reach their totals at the last frame. docs/camera-paths.md has the conventions.
/// </summary>
public static class CameraPath
{
    /// <summary>The largest distance a path takes: far beyond any useful move, and safe from overflow in the writer.</summary>
    const double MaxDistance = 1e6;

    /// <summary>
    /// A turn needs at least three frames (a triangle): at 180° a frame the way round is ambiguous, and two frames
    /// only swing back and forth.
    /// </summary>
    const int FramesPerTurn = 3;

    const double MaxDegreesPerFrame = 360.0 / FramesPerTurn;

    /// <summary>
    /// Around a centre <paramref name="radius"/> ahead (2D: up the picture), <paramref name="turns"/> times in
    /// <paramref name="frames"/> frames, setting off to the right (negative turns: to the left). 3D circles on the
    /// ground (translation_x/z); 2D circles over the picture (translation_x/y). With <paramref name="faceCentre"/> the
    /// camera turns to keep the centre straight ahead (3D rotation_3d_y; 2D angle, which turns the picture about it);
    /// without, it keeps its heading. <paramref name="radiusAhead"/> makes an ellipse (default: a circle).
    /// </summary>
    /// <exception cref="SettingsException">Every bad argument, each named with its value and a fix.</exception>
    public static PathSchedules Orbit(int frames, double radius, string mode = AnimationModes.ThreeD, double? radiusAhead = null,
        int turns = 1, bool faceCentre = true)
    {
        var problems = new ProblemCollector();
        CheckMode(problems, mode);
        CheckLoop(problems, frames, turns, "turns");
        CheckDistance(problems, "radius", radius, positive: true);
        if (radiusAhead is { } ahead) CheckDistance(problems, "radiusAhead", ahead, positive: true);
        problems.ThrowIfAny();

        double a = radius, b = radiusAhead ?? radius;
        CameraPose Pose(int f)
        {
            double theta = 2 * Math.PI * turns * f / frames, sin = Math.Sin(theta), cos = Math.Cos(theta);
            // the heading of the centre as seen from the camera, continuous in θ: −atan2(a·sinθ, b·cosθ) unwrapped
            double yaw = faceCentre ? -(theta + Math.Atan((a - b) * sin * cos / (b * cos * cos + a * sin * sin))) : 0;
            double across = a * sin, along = b * (1 - cos);
            return mode == AnimationModes.TwoD ? new CameraPose(across, along, 0, yaw) : new CameraPose(across, 0, along, yaw);
        }
        return Loop(mode, frames, Pose);
    }

    /// <summary>
    /// An ∞ across the view, <paramref name="width"/> wide and <paramref name="height"/> high, <paramref name="loops"/>
    /// times in <paramref name="frames"/> frames (a lemniscate of Gerono from its crossing, setting off right and up;
    /// negative loops: left and down; a negative width or height mirrors it). The camera keeps its heading:
    /// translation_x/y in both modes.
    /// </summary>
    /// <exception cref="SettingsException">Every bad argument, each named with its value and a fix.</exception>
    public static PathSchedules FigureEight(int frames, double width, double height, string mode = AnimationModes.ThreeD, int loops = 1)
    {
        var problems = new ProblemCollector();
        CheckMode(problems, mode);
        CheckLoop(problems, frames, loops, "loops");
        CheckDistance(problems, "width", width, positive: false);
        CheckDistance(problems, "height", height, positive: false);
        if (width == 0 && height == 0)
            problems.Add("width", null, "0", "a figure-eight of width 0 and height 0 does not move", "give a width and a height, e.g. 100 and 50");
        problems.ThrowIfAny();

        CameraPose Pose(int f)
        {
            double theta = 2 * Math.PI * loops * f / frames;
            return new CameraPose(width / 2 * Math.Sin(theta), height / 2 * Math.Sin(2 * theta), 0, 0);
        }
        return Loop(mode, frames, Pose);
    }

    /// <summary>
    /// A push in (or out) over <paramref name="frames"/> frames: 2D zooms by the total factor <paramref name="zoom"/>
    /// (2 = twice as close at the last frame, below 1 pulls out), 3D moves forward by <paramref name="distance"/>
    /// (negative: back), spread by <paramref name="ease"/>.
    /// </summary>
    /// <exception cref="SettingsException">Every bad argument, each named with its value and a fix.</exception>
    public static PathSchedules Dolly(int frames, string mode = AnimationModes.ThreeD, double? zoom = null, double? distance = null,
        Easing ease = Easing.InOut) => Push(frames, mode, zoom, distance, 0, ease);

    /// <summary>
    /// A <see cref="Dolly"/> that also rolls <paramref name="turns"/> times (positive: the picture turns
    /// counter-clockwise): 2D zoom and angle, 3D translation_z and rotation_3d_z.
    /// </summary>
    /// <exception cref="SettingsException">Every bad argument, each named with its value and a fix.</exception>
    public static PathSchedules SpiralZoom(int frames, double turns = 1, string mode = AnimationModes.ThreeD, double? zoom = null,
        double? distance = null, Easing ease = Easing.Linear) => Push(frames, mode, zoom, distance, turns, ease);

    static PathSchedules Push(int frames, string mode, double? zoom, double? distance, double turns, Easing ease)
    {
        var problems = new ProblemCollector();
        CheckMode(problems, mode);
        CheckFrames(problems, frames);
        if (!Enum.IsDefined(ease))
            problems.Add("ease", null, ease.ToString(), "is not an easing", "use Linear, In, Out or InOut");
        if (!double.IsFinite(turns))
            problems.Add("turns", null, Text(turns), "must be a finite number of turns", "give turns such as 1 or -0.5");
        else if (frames >= 2 && Math.Abs(360 * turns / (frames - 1)) > MaxDegreesPerFrame)
            problems.Add("turns", null, Text(turns), $"that turns more than {Text(MaxDegreesPerFrame)}° per frame",
                $"use at most {Text(Math.Floor((frames - 1) * 100.0 / FramesPerTurn) / 100)} turns, or more frames");
        bool twoD = mode == AnimationModes.TwoD;
        if (twoD) CheckPushSetting(problems, "zoom", zoom, "distance", distance, "a 2D picture zooms", "e.g. 2 to end twice as close");
        else CheckPushSetting(problems, "distance", distance, "zoom", zoom, "a 3D camera moves forward", "e.g. 400 (negative moves back)");
        if (twoD && zoom is { } z && !(z > 0 && z <= MaxDistance))
            problems.Add("zoom", null, Text(z), "must be a zoom factor above 0", "give e.g. 2 to push in to twice as close, 0.5 to pull out");
        if (!twoD && distance is { } d) CheckDistance(problems, "distance", d, positive: false);
        problems.ThrowIfAny();

        var step = new double[frames];
        for (int f = 1; f < frames; f++)
            step[f] = ease.Progress((double)f / (frames - 1)) - ease.Progress((double)(f - 1) / (frames - 1));
        // Frame 0 follows no frame: only cadence in-betweens apply its motion (one step more). It repeats frame 1's, as
        // a hand-written 0:(1.02) does, so a steady move stays one key and the plot has no false step.
        step[0] = step[1];
        var roll = step.Select(s => 360 * turns * s).ToArray();
        var none = new double[frames];
        return twoD
            ? PoseMotion.Build(AnimationModes.TwoD, frames, ("angle", roll), ("zoom", [.. step.Select(s => Math.Pow(zoom!.Value, s))]),
                ("translation_x", none), ("translation_y", none))
            : PoseMotion.Build(AnimationModes.ThreeD, frames, ("translation_x", none), ("translation_y", none),
                ("translation_z", [.. step.Select(s => distance!.Value * s)]), ("rotation_3d_x", none), ("rotation_3d_y", none),
                ("rotation_3d_z", roll));
    }

    static PathSchedules Loop(string mode, int frames, Func<int, CameraPose> pose) =>
        mode == AnimationModes.TwoD ? PoseMotion.TwoD(frames, pose) : PoseMotion.ThreeD(frames, pose);

    static void CheckMode(ProblemCollector problems, string mode) =>
        Rules.OneOf(problems, "mode", mode ?? "null", [AnimationModes.TwoD, AnimationModes.ThreeD]);

    static void CheckFrames(ProblemCollector problems, int frames)
    {
        if (frames < 2)
            problems.Add("frames", null, Text(frames), "a camera path needs at least 2 frames", "give the run's max_frames, e.g. 120");
        Rules.PlanSize(problems, "frames", frames, Text(frames));
    }

    static void CheckLoop(ProblemCollector problems, int frames, int turns, string setting)
    {
        CheckFrames(problems, frames);
        if (turns == 0)
            problems.Add(setting, null, "0", "a loop must go round at least once", $"give {setting} 1 (or -1 the other way round)");
        else if (frames >= 2 && frames < (long)FramesPerTurn * Math.Abs((long)turns))
            problems.Add(setting, null, Text(turns), $"{Text(turns)} in {Text(frames)} frames is fewer than {FramesPerTurn} frames a turn",
                $"use at most {Text(frames / FramesPerTurn)} {setting}, or at least {Text((long)FramesPerTurn * Math.Abs((long)turns))} frames");
    }

    static void CheckDistance(ProblemCollector problems, string setting, double value, bool positive)
    {
        bool ok = double.IsFinite(value) && Math.Abs(value) <= MaxDistance && (!positive || value > 0);
        if (positive && !ok)
            problems.Add(setting, null, Text(value), $"must be above 0 and at most {Text(MaxDistance)} translation units",
                "give a distance in translation units, e.g. 200 (3D: one depth unit; 2D: pixels)");
        else if (!ok)
            problems.Add(setting, null, Text(value), $"must be a number within ±{Text(MaxDistance)} translation units",
                "give a distance in translation units, e.g. 200 (3D: one depth unit; 2D: pixels)");
    }

    static void CheckPushSetting(ProblemCollector problems, string wanted, double? value, string other, double? otherValue, string what, string example)
    {
        if (value is null)
            problems.Add(wanted, null, "none", $"{what}: say how far with {wanted}", $"give {wanted}, {example}");
        if (otherValue is { } o)
            problems.Add(other, null, Text(o), $"{what} by {wanted}, not by {other}", $"give {wanted} instead ({example}), or use the other mode");
    }

    static string Text(double v) => v.ToString(CultureInfo.InvariantCulture);
}
