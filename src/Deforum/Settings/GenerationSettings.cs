using System.Text.Json.Serialization;

namespace Deforum.Settings;

/// <summary>
/// The Run cell's <c>DeforumArgs</c>, in the order the original writes them to the settings file. Defaults are
/// 0.4's; settings added later carry the default of the version that introduced them.
/// </summary>
public sealed record GenerationSettings
{
    [JsonPropertyName("W")] public int W { get; init; } = 512;
    [JsonPropertyName("H")] public int H { get; init; } = 512;
    /// <summary>0.7: 8 (PNG), 16 (16-bit PNG) or 32 (OpenEXR). 0.7 ships 32, 0.7.1 ships 8; 8 keeps 0.4's PNG frames.</summary>
    [JsonPropertyName("bit_depth_output")] public int BitDepthOutput { get; init; } = 8;
    /// <summary>-1 asks for a random seed at run start; otherwise 0 … 2³²−1.</summary>
    [JsonPropertyName("seed")] public long Seed { get; init; } = -1;
    [JsonPropertyName("sampler")] public string Sampler { get; init; } = "klms";
    [JsonPropertyName("steps")] public int Steps { get; init; } = 50;
    [JsonPropertyName("scale")] public double Scale { get; init; } = 7;
    [JsonPropertyName("ddim_eta")] public double DdimEta { get; init; }
    [JsonPropertyName("dynamic_threshold")] public double? DynamicThreshold { get; init; }
    [JsonPropertyName("static_threshold")] public double? StaticThreshold { get; init; }
    [JsonPropertyName("save_samples")] public bool SaveSamples { get; init; } = true;
    [JsonPropertyName("save_settings")] public bool SaveSettings { get; init; } = true;
    [JsonPropertyName("display_samples")] public bool DisplaySamples { get; init; } = true;
    [JsonPropertyName("save_sample_per_step")] public bool SaveSamplePerStep { get; init; }
    [JsonPropertyName("show_sample_per_step")] public bool ShowSamplePerStep { get; init; }
    [JsonPropertyName("prompt_weighting")] public bool PromptWeighting { get; init; }
    [JsonPropertyName("normalize_prompt_weights")] public bool NormalizePromptWeights { get; init; } = true;
    [JsonPropertyName("log_weighted_subprompts")] public bool LogWeightedSubprompts { get; init; }
    [JsonPropertyName("n_batch")] public int NBatch { get; init; } = 1;
    [JsonPropertyName("batch_name")] public string BatchName { get; init; } = "StableFun";
    [JsonPropertyName("filename_format")] public string FilenameFormat { get; init; } = "{timestring}_{index}_{prompt}.png";
    [JsonPropertyName("seed_behavior")] public string SeedBehavior { get; init; } = "iter";
    [JsonPropertyName("seed_iter_N")] public int SeedIterN { get; init; } = 1;
    /// <summary>Web-UI extension: the keyframed seed used when seed_behavior is "schedule"; s is the run seed.</summary>
    [JsonPropertyName("seed_schedule")] public string SeedSchedule { get; init; } = "0:(s)";
    [JsonPropertyName("make_grid")] public bool MakeGrid { get; init; }
    [JsonPropertyName("grid_rows")] public int GridRows { get; init; } = 2;
    [JsonPropertyName("outdir")] public string Outdir { get; init; } = "";
    [JsonPropertyName("use_init")] public bool UseInit { get; init; }
    [JsonPropertyName("strength")] public double Strength { get; init; }
    [JsonPropertyName("strength_0_no_init")] public bool Strength0NoInit { get; init; } = true;
    /// <summary>0.7.1: add Gaussian noise of std init_noise to the init image before it is encoded.</summary>
    [JsonPropertyName("add_init_noise")] public bool AddInitNoise { get; init; }
    [JsonPropertyName("init_noise")] public double InitNoise { get; init; } = 0.01;
    [JsonPropertyName("init_image")] public string? InitImage { get; init; } = "https://cdn.pixabay.com/photo/2022/07/30/13/10/green-longhorn-beetle-7353749_1280.jpg";
    /// <summary>Disco Diffusion: the generations that would start from init_image start from a Perlin-noise picture instead.</summary>
    [JsonPropertyName("perlin_init")] public bool PerlinInit { get; init; }
    /// <summary>Disco Diffusion: "mixed" (its default), "color" or "gray".</summary>
    [JsonPropertyName("perlin_mode")] public string PerlinMode { get; init; } = "mixed";
    [JsonPropertyName("use_mask")] public bool UseMask { get; init; }
    [JsonPropertyName("use_alpha_as_mask")] public bool UseAlphaAsMask { get; init; }
    [JsonPropertyName("mask_file")] public string MaskFile { get; init; } = "https://www.filterforge.com/wiki/images/archive/b/b7/20080927223728%21Polygonal_gradient_thumb.jpg";
    [JsonPropertyName("invert_mask")] public bool InvertMask { get; init; }
    /// <summary>Used by the original as the mask's contrast factor (argument swap, docs/compat.md).</summary>
    [JsonPropertyName("mask_brightness_adjust")] public double MaskBrightnessAdjust { get; init; } = 1;
    /// <summary>Used by the original as the mask's brightness factor (argument swap, docs/compat.md).</summary>
    [JsonPropertyName("mask_contrast_adjust")] public double MaskContrastAdjust { get; init; } = 1;
    [JsonPropertyName("overlay_mask")] public bool OverlayMask { get; init; } = true;
    [JsonPropertyName("mask_overlay_blur")] public double MaskOverlayBlur { get; init; } = 5;
    [JsonPropertyName("n_samples")] public int NSamples { get; init; } = 1;
    [JsonPropertyName("precision")] public string Precision { get; init; } = "autocast";
    /// <summary>The engine's low-VRAM mode: text encoder, VAE and depth model on the CPU between their uses (the UNet stays on the GPU).</summary>
    [JsonPropertyName("low_vram")] public bool LowVram { get; init; }
    [JsonPropertyName("C")] public int C { get; init; } = 4;
    [JsonPropertyName("f")] public int F { get; init; } = 8;
    [JsonPropertyName("prompt")] public string Prompt { get; init; } = "";
    [JsonPropertyName("timestring")] public string Timestring { get; init; } = "";
    // 0.7.1 working fields: the positive and negative text of the current generation, and the seed it used.
    [JsonPropertyName("cond_prompt")] public string CondPrompt { get; init; } = "";
    [JsonPropertyName("uncond_prompt")] public string UncondPrompt { get; init; } = "";
    [JsonPropertyName("seed_internal")] public long SeedInternal { get; init; }
}
