using Deforum.Animation;
using Deforum.Animation.Warp;
using Deforum.Planning;
using Deforum.Settings;
using Deforum.Torch;

namespace Deforum.Rendering;

/// <summary>
/// Port of deforum-stable-diffusion helpers/animation.py::anim_frame_warp (v0.7): a planned frame's motion applied
/// with the run's 2D or 3D warp settings. 3D without a depth map uses constant depth 1 (0.6+).
/// </summary>
sealed class FrameWarper
{
    readonly AnimationSettings _a;
    readonly bool _threeD;
    readonly BorderMode _border;
    readonly Warp3DOptions _options;

    public FrameWarper(AnimationSettings animation)
    {
        _a = animation;
        _threeD = animation.AnimationMode == AnimationModes.ThreeD;
        _border = BorderModes.Parse(animation.Border);
        _options = new Warp3DOptions(Sampling3D.ParsePadding(animation.PaddingMode), Sampling3D.ParseSampling(animation.SamplingMode),
            AddSampleOffset: DepthAlgorithms.UsesNotebookWarp(animation.DepthAlgorithm));
    }

    public bool IsThreeD => _threeD;

    /// <summary>An H×W×3 frame (uint8 or float32) warped by <paramref name="motion"/>; same dtype and device.</summary>
    public Tensor Warp(Tensor frame, FrameMotion motion, Tensor? depth) => _threeD
        ? Warp3D.Apply(frame, depth, ToMotionFrame(motion), _options)
        : Warp2D.Apply(frame, ToMotionFrame(motion), _border);

    /// <summary>
    /// vr_mode's view of an H×W×3 frame from <paramref name="eye"/>: the 3D warp by the frame's depth with the eye's x
    /// offset and y turn as the only motion, and the run's fov, planes, padding and sampling (in 2D and Video Input too).
    /// </summary>
    public Tensor EyeView(Tensor frame, Tensor depth, EyePose eye) => Warp3D.Apply(frame, depth, new MotionFrame
    {
        TranslationX = eye.TranslationX,
        RotationY = eye.RotationY,
        Fov = _a.Fov,
        NearPlane = _a.NearPlane,
        FarPlane = _a.FarPlane,
    }, _options);

    MotionFrame ToMotionFrame(FrameMotion m) => new()
    {
        Angle = m.Angle,
        Zoom = m.Zoom,
        TranslationX = m.TranslationX,
        TranslationY = m.TranslationY,
        TranslationZ = m.TranslationZ,
        RotationX = m.Rotation3DX,
        RotationY = m.Rotation3DY,
        RotationZ = m.Rotation3DZ,
        Fov = _a.Fov,
        NearPlane = _a.NearPlane,
        FarPlane = _a.FarPlane,
        Flip = _a.Flip2DPerspective
            ? new PerspectiveFlip(m.PerspectiveFlipTheta, m.PerspectiveFlipPhi, m.PerspectiveFlipGamma, m.PerspectiveFlipFv)
            : null,
    };
}
