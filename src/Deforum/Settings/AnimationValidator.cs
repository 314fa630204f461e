using Deforum.Prompts;
using Deforum.Schedules;

namespace Deforum.Settings;

/// <summary>Checks the Animation-cell settings and the prompts they need against settings.md §6–7.</summary>
static class AnimationValidator
{
    public static void Check(AnimationSettings a, PromptSettings prompts, ProblemCollector problems)
    {
        Rules.OneOf(problems, "animation_mode", a.AnimationMode, AnimationModes.All);
        Rules.AtLeast(problems, "max_frames", a.MaxFrames, 1);
        Rules.PlanSize(problems, "max_frames", a.MaxFrames, a.MaxFrames.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Rules.OneOf(problems, "border", a.Border, Choices.Borders);
        Rules.OneOf(problems, "color_coherence", a.ColorCoherence, Choices.ColorCoherences);
        Rules.AtLeast(problems, "color_coherence_video_every_N_frames", a.ColorCoherenceVideoEveryNFrames, 1);
        Rules.Between(problems, "diffusion_cadence", a.DiffusionCadence, 1, 8);
        DepthAlgorithms.Check(problems, a.DepthAlgorithm, DepthUse.Loads(a));
        Rules.Between(problems, "midas_weight", a.MidasWeight, 0, 1);
        Rules.Between(problems, "fov", a.Fov, 0, 180, exclusive: true);
        Rules.OneOf(problems, "padding_mode", a.PaddingMode, Choices.PaddingModes);
        Rules.OneOf(problems, "sampling_mode", a.SamplingMode, Choices.SamplingModes);
        if (a.VrMode) CheckStereo(a, problems);
        Rules.AtLeast(problems, "extract_nth_frame", a.ExtractNthFrame, 1);
        Rules.AtLeast(problems, "interpolate_x_frames", a.InterpolateXFrames, 0);
        KeyframeCurves.Check(a, problems);
        Rules.AtLeast(problems, "prompt_blend_window", a.PromptBlendWindow, 0);
        Rules.OneOf(problems, "prompt_blend_method", a.PromptBlendMethod, Choices.PromptBlendMethods);
        if (a.ResumeFromTimestring && !IsTimestring(a.ResumeTimestring))
            problems.Add("resume_timestring", null, a.ResumeTimestring, "is not a timestring (14 digits, yyyyMMddHHmmss)",
                "copy the prefix of the run's frame files, e.g. 20220829210106");
        if (a.AnimationMode == AnimationModes.VideoInput && string.IsNullOrWhiteSpace(a.VideoInitPath))
            problems.Add("video_init_path", null, a.VideoInitPath, "Video Input mode needs a video", "give the path of the input video");
        Rules.OneOf(problems, "hybrid_generate_human_masks", a.HybridGenerateHumanMasks, Choices.HybridHumanMasks);
        Rules.OneOf(problems, "hybrid_motion", a.HybridMotion, Choices.HybridMotions);
        Rules.OneOf(problems, "hybrid_flow_method", a.HybridFlowMethod, Choices.HybridFlowMethods);
        Rules.OneOf(problems, "hybrid_comp_mask_type", a.HybridCompMaskType, Choices.HybridCompMaskTypes);
        Rules.OneOf(problems, "hybrid_comp_mask_equalize", a.HybridCompMaskEqualize, Choices.HybridCompMaskEqualizes);
        CheckPrompts(a, prompts, problems);
    }

    /// <summary>vr_mode's eyes: only the frame loop writes them, each turned less than a right angle, at a finite distance.</summary>
    static void CheckStereo(AnimationSettings a, ProblemCollector problems)
    {
        if (a.AnimationMode is not (AnimationModes.TwoD or AnimationModes.ThreeD or AnimationModes.VideoInput))
            problems.Add("vr_mode", null, "true", $"stereo eye views are made by the 2D, 3D and Video Input frame loop, not by animation_mode '{a.AnimationMode}'",
                "set animation_mode to '3D' (or '2D', 'Video Input'), or vr_mode to false");
        Rules.Between(problems, "vr_eye_angle", a.VrEyeAngle, -90, 90, exclusive: true);
        if (!double.IsFinite(a.VrIpd) || a.VrIpd < 0)
            problems.Add("vr_ipd", null, a.VrIpd.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "must be a finite distance between the eyes of 0 or more, in translation_x units", "set vr_ipd to e.g. 5 (Disco Diffusion's default)");
    }

    static bool IsTimestring(string s) => s.Length == 14 && s.All(char.IsAsciiDigit);

    static void CheckPrompts(AnimationSettings a, PromptSettings prompts, ProblemCollector problems)
    {
        if (a.AnimationMode == AnimationModes.None)
        {
            if (prompts.StillPrompts.Count == 0)
                problems.Add("prompts", null, "[]", "there are no prompts to render", "add at least one prompt to the prompts list");
            return;
        }
        if (prompts.AnimationPrompts.Count == 0)
        {
            problems.Add("animation_prompts", null, "{}", "there are no animation prompts", "add at least one, e.g. {0: \"a cat\"}");
            return;
        }
        foreach (var frame in prompts.AnimationPrompts.Keys.Concat(prompts.NegativePrompts.Keys).Where(f => f < 0))
            problems.Add("animation_prompts", null, frame.ToString(), "frame numbers cannot be negative", "use frame 0 or later");
        if (a.AnimationMode == AnimationModes.Interpolation)
        {
            var frames = prompts.AnimationPrompts.Keys.ToList();
            // (K − 1)·(x + 1) + 1 frames, or the key differences + 1, counted in long: int overflows for huge values
            long total = a.InterpolateKeyFrames ? (long)frames[^1] - frames[0] + 1 : (frames.Count - 1L) * (a.InterpolateXFrames + 1L) + 1;
            Rules.PlanSize(problems, a.InterpolateKeyFrames ? "animation_prompts" : "interpolate_x_frames", total,
                a.InterpolateKeyFrames ? $"{frames[0]} … {frames[^1]}" : a.InterpolateXFrames.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        if (a.AnimationMode == AnimationModes.Interpolation && a.InterpolateKeyFrames)
        {
            var keys = prompts.AnimationPrompts.Keys.ToList();
            for (int i = 1; i < keys.Count; i++)
                if (keys[i] <= keys[i - 1])
                    problems.Add("animation_prompts", null, $"{keys[i - 1]} then {keys[i]}",
                        "with interpolate_key_frames the keys must increase (the original silently stops here)",
                        "list the prompts in increasing frame order without duplicates");
        }
    }
}
