using System.Text.Json;
using System.Text.Json.Nodes;
using Deforum.Prompts;
using Deforum.Settings;
using Xunit;

namespace Deforum.Tests.Settings;

/// <summary>Every default against spec/settings.md (0.4 values; later settings at the version that added them).</summary>
public class SettingsDefaultsTests
{
    public static TheoryData<string, string> FileDefaults() => new()
    {
        { "W", "512" }, { "H", "512" }, { "seed", "-1" }, { "sampler", "\"klms\"" }, { "steps", "50" }, { "scale", "7" },
        { "ddim_eta", "0" }, { "dynamic_threshold", "null" }, { "static_threshold", "null" },
        { "save_samples", "true" }, { "save_settings", "true" }, { "display_samples", "true" },
        { "save_sample_per_step", "false" }, { "show_sample_per_step", "false" }, { "prompt_weighting", "false" },
        { "normalize_prompt_weights", "true" }, { "log_weighted_subprompts", "false" }, { "n_batch", "1" },
        { "batch_name", "\"StableFun\"" }, { "filename_format", "\"{timestring}_{index}_{prompt}.png\"" },
        { "seed_behavior", "\"iter\"" }, { "seed_iter_N", "1" }, { "make_grid", "false" }, { "grid_rows", "2" },
        { "outdir", "\"\"" }, { "use_init", "false" }, { "strength", "0" }, { "strength_0_no_init", "true" },
        { "use_mask", "false" }, { "use_alpha_as_mask", "false" }, { "invert_mask", "false" },
        { "mask_brightness_adjust", "1" }, { "mask_contrast_adjust", "1" }, { "overlay_mask", "true" },
        { "mask_overlay_blur", "5" }, { "n_samples", "1" }, { "precision", "\"autocast\"" }, { "low_vram", "false" }, { "C", "4" }, { "f", "8" },
        { "prompt", "\"\"" }, { "timestring", "\"\"" },
        { "animation_mode", "\"None\"" }, { "max_frames", "1000" }, { "border", "\"wrap\"" }, { "angle", "\"0:(0)\"" },
        { "zoom", "\"0:(1.04)\"" }, { "translation_x", "\"0:(0)\"" }, { "translation_y", "\"0:(0)\"" },
        { "translation_z", "\"0:(10)\"" }, { "rotation_3d_x", "\"0:(0)\"" }, { "rotation_3d_y", "\"0:(0)\"" },
        { "rotation_3d_z", "\"0:(0)\"" }, { "flip_2d_perspective", "false" }, { "perspective_flip_theta", "\"0:(0)\"" },
        { "perspective_flip_phi", "\"0:(t%15)\"" }, { "perspective_flip_gamma", "\"0:(0)\"" },
        { "perspective_flip_fv", "\"0:(53)\"" }, { "noise_schedule", "\"0: (0.02)\"" },
        { "strength_schedule", "\"0: (0.65)\"" }, { "contrast_schedule", "\"0: (1.0)\"" },
        { "kernel_schedule", "\"0: (5)\"" }, { "sigma_schedule", "\"0: (1.0)\"" }, { "amount_schedule", "\"0: (0.0)\"" },
        { "threshold_schedule", "\"0: (0.0)\"" },
        { "color_coherence", "\"Match Frame 0 LAB\"" }, { "diffusion_cadence", "\"1\"" }, { "use_depth_warping", "true" },
        { "depth_algorithm", "\"Midas+AdaBins (old)\"" }, { "midas_weight", "0.3" }, { "near_plane", "200" }, { "far_plane", "10000" }, { "fov", "40" },
        { "padding_mode", "\"border\"" }, { "sampling_mode", "\"bicubic\"" }, { "save_depth_maps", "false" }, { "vr_mode", "false" }, { "vr_eye_angle", "0.5" }, { "vr_ipd", "5" },
        { "video_init_path", "\"/content/video_in.mp4\"" }, { "extract_nth_frame", "1" },
        { "overwrite_extracted_frames", "true" }, { "use_mask_video", "false" },
        { "video_mask_path", "\"/content/video_in.mp4\"" }, { "interpolate_key_frames", "false" },
        { "interpolate_x_frames", "4" }, { "resume_from_timestring", "false" }, { "resume_timestring", "\"20220829210106\"" },
        // 0.7 / 0.7.1 (settings.md §6.8, §8.1, §8.7); hybrid keys under their 0.7.1 names.
        { "bit_depth_output", "8" }, { "add_init_noise", "false" }, { "init_noise", "0.01" },
        { "color_coherence_video_every_N_frames", "1" }, { "color_force_grayscale", "false" },
        { "enable_schedule_samplers", "false" },
        { "hybrid_generate_inputframes", "false" }, { "hybrid_generate_human_masks", "\"None\"" },
        { "hybrid_use_first_frame_as_init_image", "true" }, { "hybrid_motion", "\"None\"" },
        { "hybrid_motion_use_prev_img", "false" }, { "hybrid_flow_method", "\"Farneback\"" }, { "hybrid_composite", "false" },
        { "hybrid_comp_mask_type", "\"None\"" }, { "hybrid_comp_mask_inverse", "false" },
        { "hybrid_comp_mask_equalize", "\"None\"" }, { "hybrid_comp_mask_auto_contrast", "false" },
        { "hybrid_comp_save_extra_frames", "false" }, { "hybrid_use_video_as_mse_image", "false" },
        { "hybrid_comp_alpha_schedule", "\"0:(1)\"" }, { "hybrid_comp_mask_blend_alpha_schedule", "\"0:(0.5)\"" },
        { "hybrid_comp_mask_contrast_schedule", "\"0:(1)\"" },
        { "hybrid_comp_mask_auto_contrast_cutoff_high_schedule", "\"0:(100)\"" },
        { "hybrid_comp_mask_auto_contrast_cutoff_low_schedule", "\"0:(0)\"" },
        { "cond_prompt", "\"\"" }, { "uncond_prompt", "\"\"" }, { "seed_internal", "0" },
        { "init_sample_raw", "null" }, { "mask_sample", "null" },
        // issue 15: the extension's Perlin noise keys at its values, but noise_type off ("uniform", the notebook's
        // noise; the extension defaults to "perlin"); Disco Diffusion's perlin_init off, with its default mode.
        { "noise_type", "\"uniform\"" }, { "perlin_w", "8" }, { "perlin_h", "8" }, { "perlin_octaves", "4" },
        { "perlin_persistence", "0.5" }, { "perlin_init", "false" }, { "perlin_mode", "\"mixed\"" },
        // issue 15 (docs/compat.md § Smooth keyframes and prompt blending): off, so 0.4 files render as before.
        { "keyframe_interpolation", "\"Linear\"" }, { "schedule_interpolation", "{}" },
        { "prompt_blend_window", "0" }, { "prompt_blend_method", "\"Linear\"" },
        // 0.6 conditioning guidance (settings.md §8.7): all off.
        { "mean_scale", "0" }, { "var_scale", "0" }, { "exposure_scale", "0" }, { "exposure_target", "0.5" },
        { "colormatch_scale", "0" }, { "colormatch_n_colors", "4" }, { "ignore_sat_weight", "0" },
        { "clip_name", "\"ViT-L/14\"" }, { "clip_scale", "0" }, { "aesthetics_scale", "0" }, { "cutn", "1" },
        { "cut_pow", "0.0001" }, { "init_mse_scale", "0" }, { "blue_scale", "0" }, { "gradient_wrt", "\"x0_pred\"" },
        { "gradient_add_to", "\"both\"" }, { "decode_method", "\"linear\"" }, { "grad_threshold_type", "\"dynamic\"" },
        { "clamp_grad_threshold", "0.2" }, { "clamp_start", "0.2" }, { "clamp_stop", "0.01" }, { "cond_uncond_sync", "true" },
        // this port's video loop (docs/compat.md): off, so a file without it plays as before
        { "ping_pong", "false" },
    };

    static JsonObject DefaultsAsJson()
    {
        var settings = new DeforumSettings();
        var obj = JsonNode.Parse(SettingsFile.Write(settings with { Animation = settings.Animation with { AnimationMode = "2D" } }))!.AsObject();
        obj["animation_mode"] = "None";
        return obj;
    }

    [Theory]
    [MemberData(nameof(FileDefaults))]
    public void Settings_file_default_matches_the_spec(string key, string expectedJson)
    {
        var obj = DefaultsAsJson();
        Assert.True(obj.ContainsKey(key), $"{key} missing from the settings file");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expectedJson), obj[key]), $"{key}: {obj[key]?.ToJsonString()} != {expectedJson}");
    }

    /// <summary>
    /// Keys checked elsewhere or without a settings.md default: the example URLs (below), the extension's seed_schedule,
    /// the port's own sampler_schedule example, the guidance images, the null tensors and the prompts.
    /// </summary>
    static readonly string[] KeysWithoutSpecDefault =
        ["init_image", "mask_file", "seed_schedule", "sampler_schedule", "colormatch_image", "init_mse_image",
         "init_latent", "init_sample", "init_c", "prompts"];

    [Fact]
    public void Every_key_the_settings_file_writes_has_its_spec_default_checked()
    {
        var checkedKeys = FileDefaults().Select(row => (string)row[0]).Concat(KeysWithoutSpecDefault).ToHashSet();
        var notChecked = DefaultsAsJson().Select(p => p.Key).Where(k => !checkedKeys.Contains(k)).ToList();
        Assert.True(notChecked.Count == 0, "no spec default checked for: " + string.Join(", ", notChecked));
    }

    [Fact]
    public void Init_and_mask_urls_are_the_notebook_examples()
    {
        var g = new GenerationSettings();
        Assert.StartsWith("https://cdn.pixabay.com/", g.InitImage);
        Assert.StartsWith("https://www.filterforge.com/", g.MaskFile);
    }

    [Fact]
    public void Non_file_cells_have_the_notebook_defaults()
    {
        var s = new DeforumSettings();
        Assert.Equal(("/content/models", "/content/output", true), (s.Paths.ModelsPath, s.Paths.OutputPath, s.Paths.MountGoogleDrive));
        Assert.Equal(("/content/drive/MyDrive/AI/models", "/content/drive/MyDrive/AI/StableDiffusion", false),
            (s.Paths.ModelsPathGdrive, s.Paths.OutputPathGdrive, s.Paths.ForceRemount));
        Assert.Equal(("v1-inference.yaml", "sd-v1-4.ckpt", "", ""),
            (s.Model.ModelConfig, s.Model.ModelCheckpoint, s.Model.CustomConfigPath, s.Model.CustomCheckpointPath));
        Assert.Equal((true, true, true, "cuda"), (s.Model.LoadOnRunAll, s.Model.HalfPrecision, s.Model.CheckSha256, s.Model.MapLocation));
        Assert.Equal((true, false, false, "/content/drive/MyDrive/Settings.txt", true),
            (s.Notebook.SetupEnvironment, s.Notebook.PrintSubprocess, s.Notebook.OverrideSettingsWithFile,
             s.Notebook.CustomSettingsFile, s.Notebook.SkipDisconnectForRunAll));
        Assert.Equal((true, 12.0, false, "200", true, "x0_pred"),
            (s.Video.SkipVideoForRunAll, s.Video.Fps, s.Video.UseManualSettings, s.Video.MaxFrames, s.Video.RenderSteps, s.Video.PathNameModifier));
        Assert.EndsWith("20220903000939_%05d.png", s.Video.ImagePath);
        Assert.EndsWith("20220903000939.mp4", s.Video.Mp4Path);
    }

    [Fact]
    public void Prompt_defaults_are_the_notebook_examples()
    {
        var p = new PromptSettings();
        Assert.Equal(2, p.StillPrompts.Count);
        Assert.Contains("Asher Brown Durand", p.StillPrompts[0]);
        Assert.Equal([0, 20, 30, 40], p.AnimationPrompts.Keys);
        Assert.Contains("durian", p.AnimationPrompts[40]);
        Assert.Empty(p.NegativePrompts);
    }
}
