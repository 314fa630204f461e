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
    /// <summary>The keyframed settings of the Animation cell (cell order) and where each one's text is.</summary>
    public static IReadOnlyList<(string Setting, Func<AnimationSettings, string> Text)> Keyframed { get; } =
    [
        ("angle", a => a.Angle), ("zoom", a => a.Zoom),
        ("translation_x", a => a.TranslationX), ("translation_y", a => a.TranslationY), ("translation_z", a => a.TranslationZ),
        ("rotation_3d_x", a => a.Rotation3DX), ("rotation_3d_y", a => a.Rotation3DY), ("rotation_3d_z", a => a.Rotation3DZ),
        ("perspective_flip_theta", a => a.PerspectiveFlipTheta), ("perspective_flip_phi", a => a.PerspectiveFlipPhi),
        ("perspective_flip_gamma", a => a.PerspectiveFlipGamma), ("perspective_flip_fv", a => a.PerspectiveFlipFv),
        ("noise_schedule", a => a.NoiseSchedule), ("strength_schedule", a => a.StrengthSchedule), ("contrast_schedule", a => a.ContrastSchedule),
        ("kernel_schedule", a => a.KernelSchedule), ("sigma_schedule", a => a.SigmaSchedule),
        ("amount_schedule", a => a.AmountSchedule), ("threshold_schedule", a => a.ThresholdSchedule),
        ("hybrid_comp_alpha_schedule", a => a.HybridCompAlphaSchedule),
        ("hybrid_comp_mask_blend_alpha_schedule", a => a.HybridCompMaskBlendAlphaSchedule),
        ("hybrid_comp_mask_contrast_schedule", a => a.HybridCompMaskContrastSchedule),
        ("hybrid_comp_mask_auto_contrast_cutoff_high_schedule", a => a.HybridCompMaskAutoContrastCutoffHighSchedule),
        ("hybrid_comp_mask_auto_contrast_cutoff_low_schedule", a => a.HybridCompMaskAutoContrastCutoffLowSchedule),
    ];

    /// <summary>One schedule expanded as the render uses it: its own text, the run's seed and its keyframe_interpolation.</summary>
    /// <exception cref="SettingsException">The text does not parse, or a value is not finite.</exception>
    public static double[] Expand(AnimationSettings a, string setting, string text, int maxFrames, long seed) =>
        KeyframeSchedule.Parse(setting, text).Expand(maxFrames, seed, KeyframeCurves.For(a, setting));

    /// <exception cref="SettingsException">Every problem of every schedule at once.</exception>
    public static AnimationSchedules Build(AnimationSettings a, int maxFrames, long seed)
    {
        ArgumentNullException.ThrowIfNull(a);
        var problems = new ProblemCollector();
        var series = Keyframed.ToDictionary(k => k.Setting, k => problems.Try(() => Expand(a, k.Setting, k.Text(a), maxFrames, seed)) ?? []);
        double[] S(string setting) => series[setting];

        var result = new AnimationSchedules(
            S("angle"), S("zoom"), S("translation_x"), S("translation_y"), S("translation_z"),
            S("rotation_3d_x"), S("rotation_3d_y"), S("rotation_3d_z"),
            S("perspective_flip_theta"), S("perspective_flip_phi"), S("perspective_flip_gamma"), S("perspective_flip_fv"),
            S("noise_schedule"), S("strength_schedule"), S("contrast_schedule"),
            S("kernel_schedule"), S("sigma_schedule"), S("amount_schedule"), S("threshold_schedule"),
            S("hybrid_comp_alpha_schedule"), S("hybrid_comp_mask_blend_alpha_schedule"), S("hybrid_comp_mask_contrast_schedule"),
            S("hybrid_comp_mask_auto_contrast_cutoff_high_schedule"), S("hybrid_comp_mask_auto_contrast_cutoff_low_schedule"));
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
