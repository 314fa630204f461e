using System.Text.Json.Serialization;

namespace Deforum.Settings;

/// <summary>
/// 0.6's conditioning guidance (settings.md §8.7): extra loss gradients added during sampling. Part of the Run cell's
/// <c>DeforumArgs</c> and of the settings file; every scale is 0 (off) by default, so none changes the image unless set.
/// <c>grad_inject_timing</c> (a list of step numbers) is not modelled yet and stays an unknown key.
/// </summary>
public sealed record GuidanceSettings
{
    [JsonPropertyName("mean_scale")] public double MeanScale { get; init; }
    [JsonPropertyName("var_scale")] public double VarScale { get; init; }
    [JsonPropertyName("exposure_scale")] public double ExposureScale { get; init; }
    [JsonPropertyName("exposure_target")] public double ExposureTarget { get; init; } = 0.5;
    [JsonPropertyName("colormatch_scale")] public double ColormatchScale { get; init; }
    /// <summary>settings.md gives no default; unused while colormatch_scale is 0.</summary>
    [JsonPropertyName("colormatch_image")] public string ColormatchImage { get; init; } = "";
    [JsonPropertyName("colormatch_n_colors")] public int ColormatchNColors { get; init; } = 4;
    [JsonPropertyName("ignore_sat_weight")] public double IgnoreSatWeight { get; init; }
    [JsonPropertyName("clip_name")] public string ClipName { get; init; } = "ViT-L/14";
    [JsonPropertyName("clip_scale")] public double ClipScale { get; init; }
    [JsonPropertyName("aesthetics_scale")] public double AestheticsScale { get; init; }
    [JsonPropertyName("cutn")] public int Cutn { get; init; } = 1;
    [JsonPropertyName("cut_pow")] public double CutPow { get; init; } = 0.0001;
    [JsonPropertyName("init_mse_scale")] public double InitMseScale { get; init; }
    /// <summary>settings.md gives no default; unused while init_mse_scale is 0.</summary>
    [JsonPropertyName("init_mse_image")] public string InitMseImage { get; init; } = "";
    [JsonPropertyName("blue_scale")] public double BlueScale { get; init; }
    [JsonPropertyName("gradient_wrt")] public string GradientWrt { get; init; } = "x0_pred";
    [JsonPropertyName("gradient_add_to")] public string GradientAddTo { get; init; } = "both";
    [JsonPropertyName("decode_method")] public string DecodeMethod { get; init; } = "linear";
    [JsonPropertyName("grad_threshold_type")] public string GradThresholdType { get; init; } = "dynamic";
    [JsonPropertyName("clamp_grad_threshold")] public double ClampGradThreshold { get; init; } = 0.2;
    [JsonPropertyName("clamp_start")] public double ClampStart { get; init; } = 0.2;
    [JsonPropertyName("clamp_stop")] public double ClampStop { get; init; } = 0.01;
    [JsonPropertyName("cond_uncond_sync")] public bool CondUncondSync { get; init; } = true;
}
