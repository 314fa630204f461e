using Deforum.Planning;
using Deforum.Schedules;
using Deforum.Settings;
using Xunit;

namespace Deforum.Tests.Settings;

/// <summary>Each bad input must produce a problem that names the setting and says how to fix it.</summary>
public class BadInputTests
{
    static readonly RunContext Context = new(new DateTime(2024, 1, 1, 12, 0, 0), new Random(1), ExtractedVideoFrames: 10);

    static DeforumSettings With(Func<GenerationSettings, GenerationSettings>? g = null, Func<AnimationSettings, AnimationSettings>? a = null)
    {
        var s = new DeforumSettings();
        return s with
        {
            Generation = g?.Invoke(s.Generation) ?? s.Generation,
            Animation = a?.Invoke(s.Animation with { AnimationMode = "2D", MaxFrames = 10 }) ?? s.Animation,
        };
    }

    static SettingProblem Single(Action act, string setting)
    {
        var e = Assert.Throws<SettingsException>(act);
        var p = Assert.Single(e.Problems, x => x.Setting == setting);
        Assert.Contains(setting, e.Message, StringComparison.Ordinal);
        return p;
    }

    static void Schedule(string text, string fix, int? position = null)
    {
        var p = Single(() => KeyframeSchedule.Parse("zoom", text).Expand(10), "zoom");
        Assert.Contains(fix, p.Fix, StringComparison.Ordinal);
        if (position is { } pos) Assert.Equal(pos, p.Position);
    }

    static void Prepared(DeforumSettings s, string setting, string fix) =>
        Assert.Contains(fix, Single(() => RunPreparation.Prepare(s, Context), setting).Fix, StringComparison.Ordinal);

    static void FromFile(string json, string setting, string fix) =>
        Assert.Contains(fix, Single(() => SettingsFile.Read(json), setting).Fix, StringComparison.Ordinal);

    [Fact] public void Comma_decimal() => Schedule("0: (1,02)", "use '.' as the decimal separator: 0:(1.02)", 4);
    [Fact] public void Value_without_parentheses() => Schedule("0: 1.0", "write 0:(1.0)", 3);
    [Fact] public void Missing_colon() => Schedule("0 (1.0)", "frame:(value)", 0);
    [Fact] public void Unclosed_value() => Schedule("0:(1.0", "add the missing ')'", 2);
    [Fact] public void Empty_value() => Schedule("0:()", "write a number", 3);
    [Fact] public void Junk_after_an_entry() => Schedule("0:(1) 5:(2)", "separated by commas", 6);
    [Fact] public void Duplicate_frame() => Schedule("0:(1), 0:(2)", "keep only one value for frame 0", 10);
    [Fact] public void Empty_schedule() => Schedule("", "at least one entry");
    [Fact] public void Unknown_function() => Schedule("0:(sine(t))", "use one of sin", 3);
    [Fact] public void Unknown_variable() => Schedule("0:(frame*2)", "t (frame)", 3);
    [Fact] public void Number_followed_by_name() => Schedule("0:(2t)", "2*t", 3);
    [Fact] public void Character_outside_the_language() => Schedule("0:(1$2)", "use numbers", 4);
    [Fact] public void Frame_number_too_large() => Schedule("99999999999:(1)", "below 2147483647", 0);
    [Fact] public void Expression_that_is_infinite() => Schedule("0:(1/t)", "stays finite", 3);
    [Fact] public void Negative_frame_number() => Schedule("-1:(2)", "frame:(value)", 0);
    [Fact] public void Wrong_argument_count() => Schedule("0:(pow(t))", "exactly 2", 3);

    [Fact] public void Bit_depth_not_8_16_or_32() => Prepared(With(g => g with { BitDepthOutput = 24 }), "bit_depth_output", "'8', '16', '32'");
    [Fact] public void Negative_init_noise() => Prepared(With(g => g with { InitNoise = -0.1 }), "init_noise", "0 or more");
    [Fact] public void Colour_video_every_zero_frames() =>
        Prepared(With(a: a => a with { ColorCoherenceVideoEveryNFrames = 0 }), "color_coherence_video_every_N_frames", "1 or more");
    [Fact] public void Unknown_hybrid_motion() =>
        Prepared(With(a: a => a with { HybridMotion = "optical flow" }), "hybrid_motion", "'Optical Flow'");
    [Fact] public void Unknown_hybrid_flow_method() =>
        Prepared(With(a: a => a with { HybridFlowMethod = "RAFT" }), "hybrid_flow_method", "'Farneback'");
    [Fact] public void Unknown_hybrid_mask_type() =>
        Prepared(With(a: a => a with { HybridCompMaskType = "Alpha" }), "hybrid_comp_mask_type", "'Video Depth'");
    [Fact] public void Unknown_hybrid_equalize() =>
        Prepared(With(a: a => a with { HybridCompMaskEqualize = "Always" }), "hybrid_comp_mask_equalize", "'Before'");
    [Fact] public void Unknown_hybrid_human_masks() =>
        Prepared(With(a: a => a with { HybridGenerateHumanMasks = "GIF" }), "hybrid_generate_human_masks", "'PNGs'");
    [Fact] public void Hybrid_schedule_with_a_comma_decimal() =>
        Prepared(With(a: a => a with { HybridCompAlphaSchedule = "0:(0,5)" }), "hybrid_comp_alpha_schedule", "0:(0.5)");
    [Fact] public void Hybrid_cutoff_schedule_without_parentheses() =>
        Prepared(With(a: a => a with { HybridCompMaskAutoContrastCutoffHighSchedule = "0: 100" }),
            "hybrid_comp_mask_auto_contrast_cutoff_high_schedule", "write 0:(100)");
    [Fact] public void Scheduled_sampler_the_engine_lacks() =>
        Prepared(With(a: a => a with { EnableScheduleSamplers = true, SamplerSchedule = "0:('euler'), 5:('dpmpp_sde')" }),
            "sampler_schedule", "'dpmpp_2m'");
    [Fact] public void Sampler_schedule_syntax_error() =>
        Prepared(With(a: a => a with { EnableScheduleSamplers = true, SamplerSchedule = "0:('euler') 5:('heun')" }),
            "sampler_schedule", "separated by commas");
    [Fact] public void Hybrid_setting_of_the_wrong_type_in_a_0_7_file() =>
        FromFile("""{"hybrid_video_composite": "yes"}""", "hybrid_composite", "\"hybrid_composite\": false");
    [Fact] public void Bit_depth_as_text_in_a_file() =>
        FromFile("""{"bit_depth_output": "32"}""", "bit_depth_output", "\"bit_depth_output\": 8");
    [Fact] public void Unknown_clip_name() =>
        Prepared(With() with { Guidance = new GuidanceSettings { ClipName = "ViT-H/14" } }, "clip_name", "'ViT-L/14'");
    [Fact] public void Zero_cutn() => Prepared(With() with { Guidance = new GuidanceSettings { Cutn = 0 } }, "cutn", "1 or more");
    [Fact] public void Unknown_gradient_wrt() =>
        Prepared(With() with { Guidance = new GuidanceSettings { GradientWrt = "x0" } }, "gradient_wrt", "'x0_pred'");
    [Fact] public void Unknown_decode_method() =>
        Prepared(With() with { Guidance = new GuidanceSettings { DecodeMethod = "vae" } }, "decode_method", "'autoencoder'");
    [Fact] public void Colormatch_without_an_image() =>
        Prepared(With() with { Guidance = new GuidanceSettings { ColormatchScale = 100 } }, "colormatch_image", "set colormatch_scale to 0");
    [Fact] public void Exposure_target_above_1() =>
        Prepared(With() with { Guidance = new GuidanceSettings { ExposureTarget = 2 } }, "exposure_target", "from 0 to 1");
    [Fact] public void Width_below_64() => Prepared(With(g => g with { W = 30 }), "W", "64 or more");
    [Fact] public void Seed_out_of_range() => Prepared(With(g => g with { Seed = -5 }), "seed", "-1 for a random seed");
    [Fact] public void Unknown_sampler_lists_accepted() => Prepared(With(g => g with { Sampler = "Euler a" }), "sampler", "'euler_ancestral'");
    [Fact] public void Later_k_diffusion_sampler_lists_the_accepted_ones() =>
        Prepared(With(g => g with { Sampler = "dpmpp_sde" }), "sampler", "'dpm_fast', 'dpm_adaptive', 'dpmpp_2s_a', 'dpmpp_2m'");
    [Fact] public void Zero_steps() => Prepared(With(g => g with { Steps = 0 }), "steps", "1 or more");
    [Fact] public void Negative_ddim_eta() => Prepared(With(g => g with { DdimEta = -1 }), "ddim_eta", "0 or more");
    [Fact] public void Zero_batch() => Prepared(With(g => g with { NBatch = 0 }), "n_batch", "1 or more");
    [Fact] public void Zero_grid_rows() => Prepared(With(g => g with { GridRows = 0 }), "grid_rows", "1 or more");
    [Fact] public void Unknown_seed_behavior() => Prepared(With(g => g with { SeedBehavior = "increment" }), "seed_behavior", "'iter'");
    [Fact] public void Unknown_filename_format() => Prepared(With(g => g with { FilenameFormat = "{timestring}.png" }), "filename_format", "{timestring}_{index}_{seed}.png");
    [Fact] public void Init_on_without_image() => Prepared(With(g => g with { UseInit = true, InitImage = " " }), "init_image", "or turn use_init off");
    [Fact] public void Mask_without_init() => Prepared(With(g => g with { UseMask = true }), "use_mask", "turn use_init on");
    [Fact] public void Percentile_out_of_range() => Prepared(With(g => g with { DynamicThreshold = 150 }), "dynamic_threshold", "from 0 to 100");

    [Fact] public void Mode_with_wrong_case_suggests_the_right_one()
    {
        var e = Assert.Throws<SettingsException>(() => RunPreparation.Prepare(With(a: a => a with { AnimationMode = "2d" }), Context));
        var p = Assert.Single(e.Problems, x => x.Setting == "animation_mode");
        Assert.Contains("did you mean '2D'", p.Message, StringComparison.Ordinal);
        Assert.Contains("'Video Input'", p.Fix, StringComparison.Ordinal);
    }

    [Fact] public void Unknown_border() => Prepared(With(a: a => a with { Border = "mirror" }), "border", "'wrap', 'replicate'");
    [Fact] public void Unknown_color_coherence() => Prepared(With(a: a => a with { ColorCoherence = "LAB" }), "color_coherence", "'Match Frame 0 LAB'");
    [Fact] public void Cadence_above_8() => Prepared(With(a: a => a with { DiffusionCadence = 9 }), "diffusion_cadence", "from 1 to 8");
    [Fact] public void Midas_weight_above_1() => Prepared(With(a: a => a with { MidasWeight = 1.5 }), "midas_weight", "from 0 to 1");
    [Fact] public void Fov_of_180() => Prepared(With(a: a => a with { Fov = 180 }), "fov", "strictly between 0 and 180");
    [Fact] public void Unknown_padding_mode() => Prepared(With(a: a => a with { PaddingMode = "edge" }), "padding_mode", "'reflection'");
    [Fact] public void Unknown_sampling_mode() => Prepared(With(a: a => a with { SamplingMode = "cubic" }), "sampling_mode", "'bicubic'");
    [Fact] public void Zero_extract_nth_frame() => Prepared(With(a: a => a with { ExtractNthFrame = 0 }), "extract_nth_frame", "1 or more");
    [Fact] public void Zero_max_frames() => Prepared(With(a: a => a with { MaxFrames = 0 }), "max_frames", "1 or more");
    [Fact] public void Bad_resume_timestring() => Prepared(With(a: a => a with { ResumeFromTimestring = true, ResumeTimestring = "yesterday" }), "resume_timestring", "20220829210106");
    [Fact] public void Perspective_fov_out_of_range() => Prepared(With(a: a => a with { Flip2DPerspective = true, PerspectiveFlipFv = "0:(200)" }), "perspective_flip_fv", "between 0 and 180");
    [Fact] public void Bad_unused_schedule_still_reported() => Prepared(With(a: a => a with { Rotation3DZ = "0:(1,5)" }), "rotation_3d_z", "use '.'");

    [Fact] public void Video_without_frames() =>
        Assert.Contains("extract_nth_frame", Single(() => RunPreparation.Prepare(
            With(a: a => a with { AnimationMode = "Video Input" }), Context with { ExtractedVideoFrames = 0 }), "video_init_path").Fix, StringComparison.Ordinal);

    [Fact] public void No_animation_prompts()
    {
        var s = With(a: a => a);
        Prepared(s with { Prompts = s.Prompts with { AnimationPrompts = [] } }, "animation_prompts", "at least one");
    }

    [Fact] public void Interpolation_keys_must_increase()
    {
        var s = With(a: a => a with { AnimationMode = "Interpolation", InterpolateKeyFrames = true });
        Prepared(s with { Prompts = s.Prompts with { AnimationPrompts = new() { [10] = "a", [5] = "b" } } }, "animation_prompts", "increasing frame order");
    }

    [Fact] public void Seed_schedule_out_of_range() => Prepared(With(g => g with { Seed = 5, SeedBehavior = "schedule", SeedSchedule = "0:(s), 3:(s-10)" }), "seed_schedule", "between 0 and 4294967295");
    [Fact] public void Unknown_model_config() => Prepared(new DeforumSettings() with { Model = new ModelSettings { ModelConfig = "v3.yaml" } }, "model_config", "'v1-inference.yaml'");

    [Fact] public void Text_for_a_number_in_the_file() => FromFile("""{"W": "abc"}""", "W", "\"W\": 512");
    [Fact] public void Text_for_a_bool_in_the_file() => FromFile("""{"use_init": "yes"}""", "use_init", "\"use_init\": false");
    [Fact] public void Fractional_int_in_the_file() => FromFile("""{"steps": 12.5}""", "steps", "\"steps\": 50");
    [Fact] public void Cadence_word_in_the_file() => FromFile("""{"diffusion_cadence": "fast"}""", "diffusion_cadence", "\"diffusion_cadence\": \"1\"");
    [Fact] public void Prompt_key_that_is_not_a_frame() => FromFile("""{"animation_mode": "2D", "prompts": {"first": "a cat"}}""", "prompts", "\"0\": \"a cat\"");
    [Fact] public void Prompt_value_that_is_not_text() => FromFile("""{"animation_mode": "2D", "prompts": {"0": 5}}""", "prompts", "double quotes");
    [Fact] public void A_plan_larger_than_a_run_renders_names_max_frames() =>
        Prepared(With(a: a => a with { MaxFrames = int.MaxValue }), "max_frames", "render a longer animation as several runs");

    [Fact] public void Interpolation_frames_are_counted_without_overflow() =>
        Prepared(With(a: a => a with { MaxFrames = 10 }) with
        {
            Animation = new DeforumSettings().Animation with { AnimationMode = "Interpolation", InterpolateXFrames = int.MaxValue },
        }, "interpolate_x_frames", "lower interpolate_x_frames");

    [Fact] public void A_still_batch_larger_than_a_run_renders_names_n_batch() =>
        Prepared(With(g => g with { NBatch = int.MaxValue }), "n_batch", "lower n_batch");

    [Fact] public void A_lone_surrogate_escape_names_its_setting() =>
        FromFile("""{"zoom": "0:(1)\ud800"}""", "zoom", "remove that escape");

    [Fact] public void Malformed_json() => FromFile("""{"W": 512,}""", "settings file", "no trailing commas");
    [Fact] public void Json_that_is_not_an_object() => FromFile("[1, 2]", "settings file", "start with '{'");

    [Fact]
    public void All_problems_are_reported_at_once()
    {
        var s = With(g => g with { W = 10, Steps = 0, Sampler = "x" }, a => a with { Zoom = "0:(1,5)", Angle = "0:(" });
        var e = Assert.Throws<SettingsException>(() => RunPreparation.Prepare(s, Context));
        Assert.Equal(["W", "sampler", "steps", "angle", "zoom"], e.Problems.Select(p => p.Setting));
    }
}
