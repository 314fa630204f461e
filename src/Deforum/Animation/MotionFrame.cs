namespace Deforum.Animation;

/// <summary>
/// One frame's camera motion, as the schedules give it (spec §11, §12). 2D uses Angle, Zoom, TranslationX/Y and
/// the optional perspective flip; 3D uses the translations, the 3-D rotations and Fov (degrees). Near/far planes are
/// accepted for completeness but, as in the original, do not change the picture (quirk §23 #10).
/// </summary>
public sealed record MotionFrame
{
    public double Angle { get; init; }
    public double Zoom { get; init; } = 1;
    public double TranslationX { get; init; }
    public double TranslationY { get; init; }
    public double TranslationZ { get; init; }
    public double RotationX { get; init; }
    public double RotationY { get; init; }
    public double RotationZ { get; init; }
    public double Fov { get; init; } = 40;
    public double NearPlane { get; init; } = 200;
    public double FarPlane { get; init; } = 10000;
    /// <summary>The 0.5+ perspective flip; null when flip_2d_perspective is off.</summary>
    public Warp.PerspectiveFlip? Flip { get; init; }

    /// <summary>No motion at all (zoom 1).</summary>
    public static MotionFrame Still { get; } = new();
}
