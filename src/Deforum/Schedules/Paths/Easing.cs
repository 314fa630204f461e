namespace Deforum.Schedules.Paths;

/// <summary>How a one-way move (<see cref="CameraPath.Dolly"/>, <see cref="CameraPath.SpiralZoom"/>) spreads over its frames.</summary>
public enum Easing
{
    /// <summary>The same step every frame.</summary>
    Linear,
    /// <summary>Starts still and speeds up.</summary>
    In,
    /// <summary>Starts at speed and slows to a stop.</summary>
    Out,
    /// <summary>Speeds up, then slows to a stop.</summary>
    InOut,
}

static class EasingCurves
{
    /// <summary>The share of the move done at <paramref name="t"/> ∈ [0, 1]: Robert Penner's sine easings (smooth, no overshoot).</summary>
    public static double Progress(this Easing ease, double t) => ease switch
    {
        Easing.In => 1 - Math.Cos(t * Math.PI / 2),
        Easing.Out => Math.Sin(t * Math.PI / 2),
        Easing.InOut => (1 - Math.Cos(t * Math.PI)) / 2,
        _ => t,
    };
}
