using Deforum.Planning;
using Deforum.Schedules;
using Deforum.Settings;

namespace Deforum.Interactive.Charts;

/// <summary>
/// One keyframed schedule over a run's frames: its setting name, the value at every frame, its keyframes and the curve
/// that joins them (keyframe_interpolation).
/// </summary>
public sealed record ScheduleSeries(string Setting, string Text, double[] Values, int[] Keyframes, KeyframeCurve Curve = KeyframeCurve.Linear)
{
    /// <summary>The series name of the prompt blend windows.</summary>
    public const string PromptBlendSetting = "prompt_blend_window";

    /// <summary>
    /// The schedules the run's mode uses, expanded exactly as the renderer will (same parser, same seed): 2D motion for 2D,
    /// 3D motion for 3D, perspective flip when on, the anti-blur schedules when amount is ever non-zero, and strength, noise
    /// and contrast for every animation. None and Interpolation have no per-frame schedules.
    /// </summary>
    /// <exception cref="SettingsException">A schedule does not parse.</exception>
    public static IReadOnlyList<ScheduleSeries> For(DeforumSettings settings, long seed = 0)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var a = settings.Animation;
        var names = new List<(string Setting, string Text)>();
        if (a.AnimationMode == AnimationModes.TwoD)
            names.AddRange([("angle", a.Angle), ("zoom", a.Zoom), ("translation_x", a.TranslationX), ("translation_y", a.TranslationY)]);
        if (a.AnimationMode == AnimationModes.ThreeD)
            names.AddRange([("translation_x", a.TranslationX), ("translation_y", a.TranslationY), ("translation_z", a.TranslationZ),
                ("rotation_3d_x", a.Rotation3DX), ("rotation_3d_y", a.Rotation3DY), ("rotation_3d_z", a.Rotation3DZ)]);
        if (a.AnimationMode == AnimationModes.TwoD && a.Flip2DPerspective)
            names.AddRange([("perspective_flip_theta", a.PerspectiveFlipTheta), ("perspective_flip_phi", a.PerspectiveFlipPhi),
                ("perspective_flip_gamma", a.PerspectiveFlipGamma), ("perspective_flip_fv", a.PerspectiveFlipFv)]);
        if (a.AnimationMode is AnimationModes.TwoD or AnimationModes.ThreeD or AnimationModes.VideoInput)
            names.AddRange([("strength_schedule", a.StrengthSchedule), ("noise_schedule", a.NoiseSchedule), ("contrast_schedule", a.ContrastSchedule)]);
        if (names.Count > 0)
            names.AddRange([("kernel_schedule", a.KernelSchedule), ("sigma_schedule", a.SigmaSchedule),
                ("amount_schedule", a.AmountSchedule), ("threshold_schedule", a.ThresholdSchedule)]);
        var problems = new ProblemCollector();
        var series = names.Select(n => problems.Try(() => Of(a, n.Setting, n.Text, seed))).OfType<ScheduleSeries>().ToList();
        problems.ThrowIfAny();
        // The anti-blur schedules only shape the image where the amount is ever non-zero.
        if (series.Find(s => s.Setting == "amount_schedule") is { } amount && amount.Values.All(v => v == 0))
            series.RemoveAll(s => s.Setting is "kernel_schedule" or "sigma_schedule" or "amount_schedule" or "threshold_schedule");
        return series;
    }

    static ScheduleSeries Of(AnimationSettings a, string setting, string text, long seed)
    {
        var keys = KeyframeSchedule.Parse(setting, text).Keys;
        return new ScheduleSeries(setting, text, AnimationSchedules.Expand(a, setting, text, a.MaxFrames, seed),
            [.. keys.Select(k => k.Frame).Where(f => f < a.MaxFrames).Distinct()], KeyframeCurves.For(a, setting));
    }

    /// <summary>
    /// The prompt blend windows of a 2D/3D/Video Input plan as a series: each diffused frame's weight toward the next
    /// prompt (0 outside the windows), the prompt changes as its keyframes; null when the plan blends no prompts.
    /// </summary>
    public static ScheduleSeries? PromptBlend(RenderPlan plan, int maxFrames)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var windows = plan.Frames.Where(f => f.PromptWindow is not null).ToList();
        if (windows.Count == 0) return null;
        var values = new double[maxFrames];
        foreach (var frame in windows) values[frame.Index] = frame.PromptWindow!.Weight;
        return new ScheduleSeries(PromptBlendSetting, $"{windows[0].PromptWindow!.Method} over the frames before each prompt change", values,
            [.. windows.Select(f => f.PromptWindow!.ToFrame).Where(f => f < maxFrames).Distinct()]);
    }
}
