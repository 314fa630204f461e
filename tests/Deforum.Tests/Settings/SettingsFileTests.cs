using System.Text.Json.Nodes;
using Deforum.Settings;
using Xunit;

namespace Deforum.Tests.Settings;

public class SettingsFileTests
{
    /// <summary>A 2D run's file as 0.5 writes it (json.dump indent=4): DeforumArgs, prompts, DeforumAnimArgs, plus a 0.7 key.</summary>
    const string OriginalFile = """
    {
        "W": 512,
        "H": 512,
        "seed": 2291154862,
        "sampler": "klms",
        "steps": 50,
        "scale": 7,
        "ddim_eta": 0.0,
        "dynamic_threshold": null,
        "static_threshold": null,
        "save_samples": true,
        "save_settings": true,
        "display_samples": true,
        "save_sample_per_step": false,
        "show_sample_per_step": false,
        "prompt_weighting": false,
        "normalize_prompt_weights": true,
        "log_weighted_subprompts": false,
        "n_batch": 1,
        "batch_name": "Meadow",
        "filename_format": "{timestring}_{index}_{prompt}.png",
        "seed_behavior": "iter",
        "make_grid": false,
        "grid_rows": 2,
        "outdir": "/content/drive/MyDrive/AI/StableDiffusion/2022-10/Meadow",
        "use_init": false,
        "strength": 0.0,
        "strength_0_no_init": true,
        "init_image": null,
        "use_mask": false,
        "use_alpha_as_mask": false,
        "mask_file": "https://www.filterforge.com/wiki/images/archive/b/b7/20080927223728%21Polygonal_gradient_thumb.jpg",
        "invert_mask": false,
        "mask_brightness_adjust": 1.0,
        "mask_contrast_adjust": 1.0,
        "overlay_mask": true,
        "mask_overlay_blur": 5,
        "n_samples": 1,
        "precision": "autocast",
        "C": 4,
        "f": 8,
        "prompt": "",
        "timestring": "20221003101112",
        "init_latent": null,
        "init_sample": null,
        "init_c": null,
        "prompts": {
            "0": "a meadow at dawn, trending on Artstation",
            "12": "a meadow at noon — soleil, trending on Artstation"
        },
        "animation_mode": "2D",
        "max_frames": 24,
        "border": "replicate",
        "angle": "0:(0)",
        "zoom": "0: (1.04), 12: (1.0)",
        "translation_x": "0:(10*sin(2*3.14*t/10))",
        "translation_y": "0:(0)",
        "translation_z": "0:(10)",
        "rotation_3d_x": "0:(0)",
        "rotation_3d_y": "0:(0)",
        "rotation_3d_z": "0:(0)",
        "flip_2d_perspective": false,
        "perspective_flip_theta": "0:(0)",
        "perspective_flip_phi": "0:(t%15)",
        "perspective_flip_gamma": "0:(0)",
        "perspective_flip_fv": "0:(53)",
        "noise_schedule": "0: (0.02)",
        "strength_schedule": "0: (0.65)",
        "contrast_schedule": "0: (1.0)",
        "color_coherence": "Match Frame 0 LAB",
        "diffusion_cadence": "2",
        "use_depth_warping": true,
        "midas_weight": 0.3,
        "near_plane": 200,
        "far_plane": 10000,
        "fov": 40,
        "padding_mode": "border",
        "sampling_mode": "bicubic",
        "save_depth_maps": false,
        "video_init_path": "/content/video_in.mp4",
        "extract_nth_frame": 1,
        "overwrite_extracted_frames": true,
        "use_mask_video": false,
        "video_mask_path": "/content/video_in.mp4",
        "interpolate_key_frames": false,
        "interpolate_x_frames": 4,
        "resume_from_timestring": false,
        "resume_timestring": "20220829210106",
        "cn_1_enabled": false
    }
    """;

    [Fact]
    public void A_file_in_the_originals_layout_loads()
    {
        var loaded = SettingsFile.Read(OriginalFile);
        var s = loaded.Settings;
        Assert.Equal(2291154862, s.Generation.Seed);
        Assert.Null(s.Generation.InitImage);
        Assert.Equal("Meadow", s.Generation.BatchName);
        Assert.Equal("2D", s.Animation.AnimationMode);
        Assert.Equal(24, s.Animation.MaxFrames);
        Assert.Equal(2, s.Animation.DiffusionCadence);
        Assert.Equal("0: (1.04), 12: (1.0)", s.Animation.Zoom);
        Assert.Equal([0, 12], s.Prompts.AnimationPrompts.Keys);
        Assert.Contains("soleil", s.Prompts.AnimationPrompts[12]);
    }

    [Fact]
    public void Unknown_keys_are_kept_and_reported_once()
    {
        var loaded = SettingsFile.Read(OriginalFile);
        Assert.Equal(["cn_1_enabled"], loaded.UnknownKeys.Keys);
        Assert.Single(loaded.Notices, n => n.Setting == "cn_1_enabled");
        var written = JsonNode.Parse(SettingsFile.Write(loaded.Settings, loaded.UnknownKeys))!.AsObject();
        Assert.False(written["cn_1_enabled"]!.GetValue<bool>());
    }

    [Fact]
    public void Missing_keys_keep_their_previous_value_and_are_reported()
    {
        var loaded = SettingsFile.Read("""{"W": 768}""");
        Assert.Equal(768, loaded.Settings.Generation.W);
        Assert.Equal(512, loaded.Settings.Generation.H);
        Assert.Contains("H", loaded.MissingKeys);
        Assert.DoesNotContain("W", loaded.MissingKeys);
        var note = Assert.Single(loaded.Notices, n => n.Setting == "settings file");
        Assert.Equal($"{loaded.MissingKeys.Count} settings not in the file keep their defaults", note.Message);
        Assert.DoesNotContain("max_frames", loaded.MissingKeys); // a still batch's file has no DeforumAnimArgs
        Assert.Contains("max_frames", SettingsFile.Read("""{"animation_mode": "2D"}""").MissingKeys);
        Assert.Contains("current values", SettingsFile.Read("""{"W": 768}""", loaded.Settings).Notices.Single(n => n.Setting == "settings file").Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_complete_file_has_no_missing_keys()
    {
        var full = SettingsFile.Write(new DeforumSettings());
        Assert.Empty(SettingsFile.Read(full).MissingKeys);
        Assert.DoesNotContain(SettingsFile.Read(full).Notices, n => n.Setting == "settings file");
    }

    [Fact]
    public void Round_trip_preserves_every_setting()
    {
        var loaded = SettingsFile.Read(OriginalFile);
        var again = SettingsFile.Read(SettingsFile.Write(loaded.Settings, loaded.UnknownKeys));
        Assert.Equal(loaded.Settings.Generation, again.Settings.Generation);
        Assert.Equal(loaded.Settings.Animation, again.Settings.Animation);
        Assert.Equal(loaded.Settings.Prompts.AnimationPrompts, again.Settings.Prompts.AnimationPrompts);
        Assert.Equal(loaded.UnknownKeys.Keys, again.UnknownKeys.Keys);
    }

    [Fact]
    public void Written_file_keeps_the_originals_key_order_and_indent()
    {
        var text = SettingsFile.Write(SettingsFile.Read(OriginalFile).Settings);
        var keys = JsonNode.Parse(text)!.AsObject().Select(p => p.Key).ToList();
        Assert.Equal(["W", "H", "bit_depth_output", "seed", "sampler"], keys.Take(5));
        Assert.True(keys.IndexOf("init_c") + 1 == keys.IndexOf("prompts"));
        Assert.Equal("animation_mode", keys[keys.IndexOf("prompts") + 1]);
        Assert.Equal(["resume_timestring", "ping_pong"], keys[^2..]); // the one create-video key follows the animation's
        Assert.Contains("\n    \"W\": 512,", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("soleil", text, StringComparison.Ordinal);
        Assert.Contains("\"diffusion_cadence\": \"2\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Batch_mode_file_writes_prompts_as_text_to_index_and_reads_them_back()
    {
        var settings = new DeforumSettings();
        var text = SettingsFile.Write(settings);
        var obj = JsonNode.Parse(text)!.AsObject();
        Assert.False(obj.ContainsKey("animation_mode"));
        Assert.Equal("00001", obj["prompts"]![settings.Prompts.StillPrompts[1]]!.GetValue<string>());
        Assert.Equal(settings.Prompts.StillPrompts, SettingsFile.Read(text).Settings.Prompts.StillPrompts);
    }

    [Fact]
    public void Integral_float_for_an_int_setting_is_accepted() =>
        Assert.Equal(640, SettingsFile.Read("""{"W": 640.0}""").Settings.Generation.W);

    [Fact]
    public void Load_and_save_go_through_the_file_system()
    {
        var path = Path.Combine(Path.GetTempPath(), $"deforum_{Guid.NewGuid():N}_settings.txt");
        try
        {
            var loaded = SettingsFile.Read(OriginalFile);
            SettingsFile.Save(path, loaded.Settings, loaded.UnknownKeys);
            Assert.Equal(loaded.Settings.Animation, SettingsFile.Load(path).Settings.Animation);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_of_a_missing_file_names_the_setting_and_fix()
    {
        var e = Assert.Throws<SettingsException>(() => SettingsFile.Load("/nonexistent/x_settings.txt"));
        Assert.Equal("custom_settings_file", e.Problems[0].Setting);
        Assert.Contains("check the path", e.Problems[0].Fix);
    }

    [Fact]
    public void Merge_sets_keys_in_place_appends_new_ones_and_keeps_the_rest_as_written()
    {
        var merged = SettingsFile.Merge("""{ "W": 512.0, "zoom": "0:(1.04)", "my_key": "ü" }""",
            new JsonObject { ["zoom"] = "0:(1)", ["angle"] = "0:(2)" });

        Assert.Equal("{\n    \"W\": 512.0,\n    \"zoom\": \"0:(1)\",\n    \"my_key\": \"ü\",\n    \"angle\": \"0:(2)\"\n}", merged);
    }

    [Fact]
    public void Merge_refuses_a_file_that_is_not_settings_or_would_not_read()
    {
        var json = Assert.Throws<SettingsException>(() => SettingsFile.Merge("[1]", new JsonObject { ["zoom"] = "0:(1)" }));
        var typed = Assert.Throws<SettingsException>(() => SettingsFile.Merge("{}", new JsonObject { ["max_frames"] = "many" }));

        Assert.Contains("must start with '{'", json.Problems[0].Fix);
        Assert.Equal(("max_frames", "\"many\""), (typed.Problems[0].Setting, typed.Problems[0].BadText));
    }

    [Fact]
    public void Ping_pong_travels_in_an_animations_file_after_its_animation_keys()
    {
        var settings = SettingsFile.Read(OriginalFile).Settings;
        Assert.False(settings.Video.PingPong); // 0.4–0.7 files have no such key: off

        var text = SettingsFile.Write(settings with { Video = settings.Video with { PingPong = true } });
        var keys = JsonNode.Parse(text)!.AsObject().Select(p => p.Key).ToList();

        Assert.Equal(keys.IndexOf("resume_timestring") + 1, keys.IndexOf("ping_pong"));
        Assert.True(SettingsFile.Read(text).Settings.Video.PingPong);
        var still = settings with { Animation = settings.Animation with { AnimationMode = "None" }, Video = settings.Video with { PingPong = true } };
        Assert.DoesNotContain("ping_pong", SettingsFile.Write(still), StringComparison.Ordinal);
    }

    [Fact]
    public void Ping_pong_that_is_not_true_or_false_is_named()
    {
        var e = Assert.Throws<SettingsException>(() => SettingsFile.Read("""{ "animation_mode": "2D", "ping_pong": "yes" }"""));

        var problem = Assert.Single(e.Problems);
        Assert.Equal(("ping_pong", "\"yes\""), (problem.Setting, problem.BadText));
        Assert.Contains("\"ping_pong\": true", problem.Fix, StringComparison.Ordinal);
    }
}
