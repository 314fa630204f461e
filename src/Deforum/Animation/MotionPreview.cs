using Deforum.Animation.Warp;
using Deforum.Torch;

namespace Deforum.Animation;

/// <summary>Which warp a motion preview applies.</summary>
public enum MotionMode { TwoD, ThreeD }

/// <summary>
/// Applies a schedule's camera motion to an image with no diffusion, frame after frame, so camera paths can be
/// scrubbed. Each frame is the previous one warped (with the original's uint8 truncation in between); 3D uses
/// constant depth, since no depth model runs in a preview.
/// </summary>
public sealed class MotionPreview(MotionMode mode, BorderMode border = BorderMode.Replicate, Warp3DOptions? options = null)
{
    readonly Warp3DOptions _options = options ?? new Warp3DOptions();

    /// <summary>One preview step: <paramref name="frame"/> warped by <paramref name="motion"/> (H×W×3 uint8 in and out).</summary>
    public Tensor Step(Tensor frame, MotionFrame motion) => mode == MotionMode.TwoD
        ? Warp2D.Apply(frame, motion, border)
        : Warp3D.Apply(frame, null, motion, _options);

    /// <summary>
    /// Every preview frame for the schedule, in order; each yielded tensor belongs to the caller, and the input image
    /// is left untouched.
    /// </summary>
    public IEnumerable<Tensor> Run(Tensor image, IEnumerable<MotionFrame> frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        var current = image;
        foreach (var motion in frames)
        {
            current = Step(current, motion);
            yield return current;
        }
    }
}
