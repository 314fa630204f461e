using System.Text.Json.Serialization;

namespace Deforum.Settings;

/// <summary>
/// The Animation cell's <c>DeforumAnimArgs</c>, in cell order. Schedules are keyframe strings (Deforum.Schedules).
/// Defaults are 0.4's; settings added in 0.5 carry 0.5's default.
/// </summary>
public sealed record AnimationSettings
{
    [JsonPropertyName("animation_mode")] public string AnimationMode { get; init; } = "None";
    [JsonPropertyName("max_frames")] public int MaxFrames { get; init; } = 1000;
    [JsonPropertyName("border")] public string Border { get; init; } = "wrap";
    [JsonPropertyName("angle")] public string Angle { get; init; } = "0:(0)";
    [JsonPropertyName("zoom")] public string Zoom { get; init; } = "0:(1.04)";
    [JsonPropertyName("translation_x")] public string TranslationX { get; init; } = "0:(0)";
    [JsonPropertyName("translation_y")] public string TranslationY { get; init; } = "0:(0)";
    [JsonPropertyName("translation_z")] public string TranslationZ { get; init; } = "0:(10)";
    [JsonPropertyName("rotation_3d_x")] public string Rotation3DX { get; init; } = "0:(0)";
    [JsonPropertyName("rotation_3d_y")] public string Rotation3DY { get; init; } = "0:(0)";
    [JsonPropertyName("rotation_3d_z")] public string Rotation3DZ { get; init; } = "0:(0)";
    [JsonPropertyName("flip_2d_perspective")] public bool Flip2DPerspective { get; init; }
    [JsonPropertyName("perspective_flip_theta")] public string PerspectiveFlipTheta { get; init; } = "0:(0)";
    [JsonPropertyName("perspective_flip_phi")] public string PerspectiveFlipPhi { get; init; } = "0:(t%15)";
    [JsonPropertyName("perspective_flip_gamma")] public string PerspectiveFlipGamma { get; init; } = "0:(0)";
    [JsonPropertyName("perspective_flip_fv")] public string PerspectiveFlipFv { get; init; } = "0:(53)";
    [JsonPropertyName("noise_schedule")] public string NoiseSchedule { get; init; } = "0: (0.02)";
    [JsonPropertyName("strength_schedule")] public string StrengthSchedule { get; init; } = "0: (0.65)";
    [JsonPropertyName("contrast_schedule")] public string ContrastSchedule { get; init; } = "0: (1.0)";
    /// <summary>0.7 anti-blur (unsharp mask after contrast): window size, truncated to an int per frame.</summary>
    [JsonPropertyName("kernel_schedule")] public string KernelSchedule { get; init; } = "0: (5)";
    [JsonPropertyName("sigma_schedule")] public string SigmaSchedule { get; init; } = "0: (1.0)";
    /// <summary>0.7 ships 0.2 (on); 0 here keeps 0.4's images unchanged unless a file or the user turns it on.</summary>
    [JsonPropertyName("amount_schedule")] public string AmountSchedule { get; init; } = "0: (0.0)";
    [JsonPropertyName("threshold_schedule")] public string ThresholdSchedule { get; init; } = "0: (0.0)";
    [JsonPropertyName("color_coherence")] public string ColorCoherence { get; init; } = "Match Frame 0 LAB";
    /// <summary>1 … 8; the notebook stores it as a string ('1'), and so does the settings file.</summary>
    [JsonPropertyName("diffusion_cadence")] [JsonConverter(typeof(CadenceJsonConverter))] public int DiffusionCadence { get; init; } = 1;
    [JsonPropertyName("use_depth_warping")] public bool UseDepthWarping { get; init; } = true;
    [JsonPropertyName("midas_weight")] public double MidasWeight { get; init; } = 0.3;
    [JsonPropertyName("near_plane")] public double NearPlane { get; init; } = 200;
    [JsonPropertyName("far_plane")] public double FarPlane { get; init; } = 10000;
    [JsonPropertyName("fov")] public double Fov { get; init; } = 40;
    [JsonPropertyName("padding_mode")] public string PaddingMode { get; init; } = "border";
    [JsonPropertyName("sampling_mode")] public string SamplingMode { get; init; } = "bicubic";
    [JsonPropertyName("save_depth_maps")] public bool SaveDepthMaps { get; init; }
    [JsonPropertyName("video_init_path")] public string VideoInitPath { get; init; } = "/content/video_in.mp4";
    [JsonPropertyName("extract_nth_frame")] public int ExtractNthFrame { get; init; } = 1;
    [JsonPropertyName("overwrite_extracted_frames")] public bool OverwriteExtractedFrames { get; init; } = true;
    [JsonPropertyName("use_mask_video")] public bool UseMaskVideo { get; init; }
    [JsonPropertyName("video_mask_path")] public string VideoMaskPath { get; init; } = "/content/video_in.mp4";
    [JsonPropertyName("interpolate_key_frames")] public bool InterpolateKeyFrames { get; init; }
    [JsonPropertyName("interpolate_x_frames")] public int InterpolateXFrames { get; init; } = 4;
    [JsonPropertyName("resume_from_timestring")] public bool ResumeFromTimestring { get; init; }
    [JsonPropertyName("resume_timestring")] public string ResumeTimestring { get; init; } = "20220829210106";
}
