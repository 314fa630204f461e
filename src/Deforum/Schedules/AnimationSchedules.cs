using Deforum.Settings;

namespace Deforum.Schedules;

/// <summary>
/// Every per-frame series of the Animation cell (0.4 set, 0.5 perspective flip, 0.7 anti-blur and hybrid compositing), expanded once per run as the
/// original's DeformAnimKeys does. All are built even when the mode does not use them, like the original.
/// </summary>
public sealed record AnimationSchedules(
    double[] Angle, double[] Zoom, double[] TranslationX, double[] TranslationY, double[] TranslationZ,
    double[] Rotation3DX, double[] Rotation3DY, double[] Rotation3DZ,
    double[] PerspectiveFlipTheta, double[] PerspectiveFlipPhi, double[] PerspectiveFlipGamma, double[] PerspectiveFlipFv,
    double[] Noise, double[] Strength, double[] Contrast,
    double[] Kernel, double[] Sigma, double[] Amount, double[] Threshold,
    double[] HybridCompAlpha, double[] HybridCompMaskBlendAlpha, double[] HybridCompMaskContrast,
    double[] HybridCompMaskAutoContrastCutoffHigh, double[] HybridCompMaskAutoContrastCutoffLow)
{
    /// <exception cref="SettingsException">Every problem of every schedule at once.</exception>
    public static AnimationSchedules Build(AnimationSettings a, int maxFrames, long seed)
    {
        var problems = new ProblemCollector();
        double[] S(string setting, string text) =>
            problems.Try(() => KeyframeSchedule.Parse(setting, text).Expand(maxFrames, seed)) ?? [];

        var result = new AnimationSchedules(
            S("angle", a.Angle), S("zoom", a.Zoom),
            S("translation_x", a.TranslationX), S("translation_y", a.TranslationY), S("translation_z", a.TranslationZ),
            S("rotation_3d_x", a.Rotation3DX), S("rotation_3d_y", a.Rotation3DY), S("rotation_3d_z", a.Rotation3DZ),
            S("perspective_flip_theta", a.PerspectiveFlipTheta), S("perspective_flip_phi", a.PerspectiveFlipPhi),
            S("perspective_flip_gamma", a.PerspectiveFlipGamma), S("perspective_flip_fv", a.PerspectiveFlipFv),
            S("noise_schedule", a.NoiseSchedule), S("strength_schedule", a.StrengthSchedule), S("contrast_schedule", a.ContrastSchedule),
            S("kernel_schedule", a.KernelSchedule), S("sigma_schedule", a.SigmaSchedule),
            S("amount_schedule", a.AmountSchedule), S("threshold_schedule", a.ThresholdSchedule),
            S("hybrid_comp_alpha_schedule", a.HybridCompAlphaSchedule),
            S("hybrid_comp_mask_blend_alpha_schedule", a.HybridCompMaskBlendAlphaSchedule),
            S("hybrid_comp_mask_contrast_schedule", a.HybridCompMaskContrastSchedule),
            S("hybrid_comp_mask_auto_contrast_cutoff_high_schedule", a.HybridCompMaskAutoContrastCutoffHighSchedule),
            S("hybrid_comp_mask_auto_contrast_cutoff_low_schedule", a.HybridCompMaskAutoContrastCutoffLowSchedule));
        if (a.Flip2DPerspective)
            for (int f = 0; f < result.PerspectiveFlipFv.Length; f++)
                if (result.PerspectiveFlipFv[f] is <= 0 or >= 180)
                {
                    problems.Add("perspective_flip_fv", null, result.PerspectiveFlipFv[f].ToString(System.Globalization.CultureInfo.InvariantCulture),
                        $"the field of view at frame {f} is outside (0, 180) degrees", "keep perspective_flip_fv between 0 and 180, e.g. 0:(53)");
                    break;
                }
        problems.ThrowIfAny();
        return result;
    }
}
