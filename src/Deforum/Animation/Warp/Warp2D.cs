using Deforum.Torch;

namespace Deforum.Animation.Warp;

/// <summary>The 2D animation warp: rotate/zoom about the centre, translate, optional perspective flip (spec §11).</summary>
public static class Warp2D
{
    /// <summary>
    /// Port of deforum-stable-diffusion helpers/animation.py::anim_frame_warp_2d: the forward matrix
    /// M = R·T (or B·R with the perspective flip, which drops the translation: quirk §23 #11).
    /// </summary>
    public static Matrix3 ForwardMatrix(MotionFrame motion, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(motion);
        var rot = Matrix3.Rotation2D(width / 2, height / 2, motion.Angle, motion.Zoom);
        if (motion.Flip is { } flip)
            return flip.Homography(width, height) * rot;
        // trans_mat is built with np.float32, so the translation is float32-rounded.
        return rot * Matrix3.Translation((float)motion.TranslationX, (float)motion.TranslationY);
    }

    /// <summary>Warps an H×W×3 frame (uint8, or float32 cadence buffer); the result has the input's dtype and device.</summary>
    public static Tensor Apply(Tensor frame, MotionFrame motion, BorderMode border)
    {
        var (h, w, c) = HostImage.CheckHwc(frame, nameof(frame), 3);
        HostImage.CheckDType(frame, nameof(frame), DType.UInt8, DType.Float32);
        var inverse = ForwardMatrix(motion, w, h).InvertLikeOpenCv();
        return frame.DType == DType.UInt8
            ? HostImage.Write(OpenCvWarpPerspective.Warp(HostImage.Read<byte>(frame), h, w, c, inverse, border), frame.Shape, frame.Device)
            : HostImage.Write(OpenCvWarpPerspective.Warp(HostImage.Read<float>(frame), h, w, c, inverse, border), frame.Shape, frame.Device);
    }
}
