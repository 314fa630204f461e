using System.Text.Json.Nodes;
using Deforum.Settings;
using Xunit;

namespace Deforum.Tests.Settings;

/// <summary>Settings files written by notebook 0.7 (hybrid_video_* names) and 0.7.1 (hybrid_* names), per settings.md §6.8, §8.1, §8.7.</summary>
public class LaterVersionFileTests
{
    const string File07 = """
    {
        "W": 512,
        "H": 512,
        "bit_depth_output": 32,
        "seed": 2983475231,
        "sampler": "euler_ancestral",
        "steps": 80,
        "strength": 0.0,
        "mean_scale": 0.5,
        "clip_name": "ViT-B/32",
        "grad_inject_timing": [1, 2, 3, 4, 5, 6, 7, 8, 9],
        "prompts": {"0": "a lighthouse in a storm", "60": "a lighthouse at dawn"},
        "animation_mode": "3D",
        "max_frames": 120,
        "contrast_schedule": "0: (1.0)",
        "hybrid_video_comp_alpha_schedule": "0:(0.8), 60:(0.4)",
        "hybrid_video_comp_mask_blend_alpha_schedule": "0:(0.5)",
        "hybrid_video_comp_mask_contrast_schedule": "0:(1)",
        "hybrid_video_comp_mask_auto_contrast_cutoff_high_schedule": "0:(100)",
        "hybrid_video_comp_mask_auto_contrast_cutoff_low_schedule": "0:(0)",
        "kernel_schedule": "0: (5)",
        "color_coherence": "Video Input",
        "color_coherence_video_every_N_frames": 4,
        "diffusion_cadence": "2",
        "video_init_path": "/content/video_in.mp4",
        "hybrid_video_generate_inputframes": true,
        "hybrid_video_use_first_frame_as_init_image": true,
        "hybrid_video_motion": "Optical Flow",
        "hybrid_video_flow_method": "DenseRLOF",
        "hybrid_video_composite": true,
        "hybrid_video_comp_mask_type": "Depth",
        "hybrid_video_comp_mask_inverse": false,
        "hybrid_video_comp_mask_equalize": "After",
        "hybrid_video_comp_mask_auto_contrast": true,
        "hybrid_video_comp_save_extra_frames": false,
        "hybrid_video_use_video_as_mse_image": false,
        "interpolate_x_frames": 4,
        "resume_timestring": "20221231120000"
    }
    """;

    const string File071 = """
    {
        "W": 768,
        "H": 512,
        "bit_depth_output": 16,
        "seed": 17,
        "sampler": "euler",
        "strength": 0.65,
        "add_init_noise": true,
        "init_noise": 0.05,
        "cond_prompt": "a koi pond",
        "uncond_prompt": "mountain",
        "seed_internal": 3,
        "prompts": {"0": "a koi pond", "40": "a koi pond in winter"},
        "neg_prompts": {"0": "mountain"},
        "animation_mode": "2D",
        "max_frames": 50,
        "hybrid_comp_alpha_schedule": "0:(1)",
        "hybrid_comp_mask_blend_alpha_schedule": "0:(0.5), 25:(0.9)",
        "hybrid_comp_mask_contrast_schedule": "0:(1)",
        "hybrid_comp_mask_auto_contrast_cutoff_high_schedule": "0:(95)",
        "hybrid_comp_mask_auto_contrast_cutoff_low_schedule": "0:(5)",
        "enable_schedule_samplers": true,
        "sampler_schedule": "0:('euler'), 20:('heun'), 40:('dpmpp_2m')",
        "color_coherence": "Match Frame 0 LAB",
        "color_coherence_video_every_N_frames": 1,
        "color_force_grayscale": true,
        "hybrid_generate_inputframes": false,
        "hybrid_generate_human_masks": "PNGs",
        "hybrid_use_first_frame_as_init_image": false,
        "hybrid_motion": "Perspective",
        "hybrid_motion_use_prev_img": true,
        "hybrid_flow_method": "DIS Medium",
        "hybrid_composite": false,
        "hybrid_comp_mask_type": "Blend",
        "hybrid_comp_mask_inverse": true,
        "hybrid_comp_mask_equalize": "None",
        "hybrid_comp_mask_auto_contrast": false,
        "hybrid_comp_save_extra_frames": true,
        "hybrid_use_video_as_mse_image": true,
        "interpolate_x_frames": 20
    }
    """;

    static void RoundTrips(LoadedSettings loaded)
    {
        var again = SettingsFile.Read(SettingsFile.Write(loaded.Settings, loaded.UnknownKeys));
        Assert.Equal(loaded.Settings.Generation, again.Settings.Generation);
        Assert.Equal(loaded.Settings.Guidance, again.Settings.Guidance);
        Assert.Equal(loaded.Settings.Animation, again.Settings.Animation);
        Assert.Equal(loaded.UnknownKeys.Keys, again.UnknownKeys.Keys);
    }

    [Fact]
    public void A_0_7_file_reads_its_hybrid_video_names_and_round_trips()
    {
        var loaded = SettingsFile.Read(File07);
        var (g, a) = (loaded.Settings.Generation, loaded.Settings.Animation);
        Assert.Equal(32, g.BitDepthOutput);
        Assert.Equal((4, "Video Input"), (a.ColorCoherenceVideoEveryNFrames, a.ColorCoherence));
        Assert.Equal(("Optical Flow", "DenseRLOF", "Depth", "After"), (a.HybridMotion, a.HybridFlowMethod, a.HybridCompMaskType, a.HybridCompMaskEqualize));
        Assert.True(a.HybridGenerateInputframes && a.HybridComposite && a.HybridCompMaskAutoContrast);
        Assert.Equal("0:(0.8), 60:(0.4)", a.HybridCompAlphaSchedule);
        Assert.Equal((0.5, "ViT-B/32"), (loaded.Settings.Guidance.MeanScale, loaded.Settings.Guidance.ClipName));
        Assert.Equal(["grad_inject_timing"], loaded.UnknownKeys.Keys);
        RoundTrips(loaded);
    }

    [Fact]
    public void A_0_7_file_is_written_back_with_the_0_7_1_names()
    {
        var loaded = SettingsFile.Read(File07);
        var written = JsonNode.Parse(SettingsFile.Write(loaded.Settings, loaded.UnknownKeys))!.AsObject();
        Assert.DoesNotContain(written, p => p.Key.StartsWith("hybrid_video_", StringComparison.Ordinal));
        Assert.Equal("Optical Flow", written["hybrid_motion"]!.GetValue<string>());
        Assert.Equal("0:(0.8), 60:(0.4)", written["hybrid_comp_alpha_schedule"]!.GetValue<string>());
    }

    [Fact]
    public void A_0_7_1_file_has_no_unknown_keys_and_round_trips()
    {
        var loaded = SettingsFile.Read(File071);
        var (g, a) = (loaded.Settings.Generation, loaded.Settings.Animation);
        Assert.Empty(loaded.UnknownKeys);
        Assert.Equal((16, true, 0.05), (g.BitDepthOutput, g.AddInitNoise, g.InitNoise));
        Assert.Equal(("a koi pond", "mountain", 3L), (g.CondPrompt, g.UncondPrompt, g.SeedInternal));
        Assert.True(a.EnableScheduleSamplers && a.ColorForceGrayscale && a.HybridMotionUsePrevImg);
        Assert.Equal("0:('euler'), 20:('heun'), 40:('dpmpp_2m')", a.SamplerSchedule);
        Assert.Equal(("PNGs", "Perspective", "DIS Medium", "Blend"), (a.HybridGenerateHumanMasks, a.HybridMotion, a.HybridFlowMethod, a.HybridCompMaskType));
        Assert.Equal("0:(0.5), 25:(0.9)", a.HybridCompMaskBlendAlphaSchedule);
        RoundTrips(loaded);
    }

    [Fact]
    public void When_both_spellings_are_present_the_0_7_1_name_wins_and_the_other_is_reported()
    {
        var loaded = SettingsFile.Read("""{"hybrid_motion": "Affine", "hybrid_video_motion": "Perspective"}""");
        Assert.Equal("Affine", loaded.Settings.Animation.HybridMotion);
        Assert.Contains(loaded.Notices, n => n.Setting == "hybrid_video_motion" && n.Message.Contains("hybrid_motion", StringComparison.Ordinal));
        Assert.Empty(loaded.UnknownKeys);
    }

    [Fact]
    public void A_hybrid_video_key_without_a_0_7_1_setting_stays_unknown_under_its_own_name()
    {
        var loaded = SettingsFile.Read("""{"hybrid_video_future_option": 1}""");
        Assert.Equal(["hybrid_video_future_option"], loaded.UnknownKeys.Keys);
    }
}
