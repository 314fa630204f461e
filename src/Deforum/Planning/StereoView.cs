namespace Deforum.Planning;

/// <summary>One eye of vr_mode: where it sits along x (translation_x units) and how far it turns about y (rotation_3d_y degrees).</summary>
public sealed record EyePose(double TranslationX, double RotationY);

/// <summary>vr_mode's view of one written frame: the side-by-side file (left eye | right eye) and the two eyes' poses.</summary>
public sealed record StereoView(string FileName, EyePose Left, EyePose Right)
{
    /// <summary>
    /// Port of Disco Diffusion disco.py::generate_eye_views (v5.2): θ = vr_eye_angle in radians, each eye cos(θ)·vr_ipd/2
    /// to its side (left negative) and turned θ (left) or −θ (right) about y. Disco passes θ to the rotation in radians
    /// and −origin·(1/200) as the x translation; here the same pose goes through the 3D warp as rotation_3d_y degrees
    /// and translation_x, which that warp turns into the same radians and camera translation.
    /// </summary>
    public static StereoView For(string fileName, double ipd, double eyeAngleDegrees)
    {
        double theta = eyeAngleDegrees * (Math.PI / 180);
        double origin = Math.Cos(theta) * ipd / 2;
        return new StereoView(fileName, new EyePose(-origin, eyeAngleDegrees), new EyePose(origin, -eyeAngleDegrees));
    }
}
