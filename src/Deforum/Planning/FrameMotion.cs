using Deforum.Schedules;

namespace Deforum.Planning;

/// <summary>Resolved motion of one frame: 2D (angle, zoom, translation x/y, perspective flip) and 3D (translation x/y/z, rotation x/y/z).</summary>
public sealed record FrameMotion(
    double Angle, double Zoom, double TranslationX, double TranslationY, double TranslationZ,
    double Rotation3DX, double Rotation3DY, double Rotation3DZ,
    double PerspectiveFlipTheta, double PerspectiveFlipPhi, double PerspectiveFlipGamma, double PerspectiveFlipFv)
{
    public static FrameMotion At(AnimationSchedules s, int f) => new(
        s.Angle[f], s.Zoom[f], s.TranslationX[f], s.TranslationY[f], s.TranslationZ[f],
        s.Rotation3DX[f], s.Rotation3DY[f], s.Rotation3DZ[f],
        s.PerspectiveFlipTheta[f], s.PerspectiveFlipPhi[f], s.PerspectiveFlipGamma[f], s.PerspectiveFlipFv[f]);
}
