using System.Text.Json.Serialization;

namespace Deforum.Settings;

/// <summary>
/// The Animation cell's <c>DeforumAnimArgs</c>, in cell order. Schedules are keyframe strings (Deforum.Schedules).
/// Defaults are 0.4's; settings added later carry the default of the version that added them.
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
    // 0.7 hybrid compositing schedules (0.7 spelled them hybrid_video_comp_…, see LegacyKeys).
    [JsonPropertyName("hybrid_comp_alpha_schedule")] public string HybridCompAlphaSchedule { get; init; } = "0:(1)";
    [JsonPropertyName("hybrid_comp_mask_blend_alpha_schedule")] public string HybridCompMaskBlendAlphaSchedule { get; init; } = "0:(0.5)";
    [JsonPropertyName("hybrid_comp_mask_contrast_schedule")] public string HybridCompMaskContrastSchedule { get; init; } = "0:(1)";
    [JsonPropertyName("hybrid_comp_mask_auto_contrast_cutoff_high_schedule")] public string HybridCompMaskAutoContrastCutoffHighSchedule { get; init; } = "0:(100)";
    [JsonPropertyName("hybrid_comp_mask_auto_contrast_cutoff_low_schedule")] public string HybridCompMaskAutoContrastCutoffLowSchedule { get; init; } = "0:(0)";
    /// <summary>0.7 anti-blur (unsharp mask after contrast): window size, truncated to an int per frame.</summary>
    [JsonPropertyName("kernel_schedule")] public string KernelSchedule { get; init; } = "0: (5)";
    [JsonPropertyName("sigma_schedule")] public string SigmaSchedule { get; init; } = "0: (1.0)";
    /// <summary>0.7 ships 0.2 (on); 0 here keeps 0.4's images unchanged unless a file or the user turns it on.</summary>
    [JsonPropertyName("amount_schedule")] public string AmountSchedule { get; init; } = "0: (0.0)";
    [JsonPropertyName("threshold_schedule")] public string ThresholdSchedule { get; init; } = "0: (0.0)";
    /// <summary>Web-UI extension: "uniform" is 0.4's per-pixel Gaussian frame noise; "perlin" its Perlin-shaped noise (the extension's default).</summary>
    [JsonPropertyName("noise_type")] public string NoiseType { get; init; } = NoiseTypes.Uniform;
    /// <summary>Extension: Perlin cells down the frame's height (despite the name), truncated to a whole number.</summary>
    [JsonPropertyName("perlin_w")] public double PerlinW { get; init; } = 8;
    /// <summary>Extension: Perlin cells across the frame's width, truncated to a whole number.</summary>
    [JsonPropertyName("perlin_h")] public double PerlinH { get; init; } = 8;
    /// <summary>Extension: octaves of the Perlin noise; each doubles the cells.</summary>
    [JsonPropertyName("perlin_octaves")] public int PerlinOctaves { get; init; } = 4;
    /// <summary>Extension: amplitude factor from one octave to the next.</summary>
    [JsonPropertyName("perlin_persistence")] public double PerlinPersistence { get; init; } = 0.5;
    /// <summary>How every schedule fills the frames between its keyframes: "Linear" (0.4) or "Cubic" (a natural spline through them).</summary>
    [JsonPropertyName("keyframe_interpolation")] public string KeyframeInterpolation { get; init; } = "Linear";
    /// <summary>keyframe_interpolation for single schedules, by setting name: <c>new() { ["zoom"] = "Cubic" }</c>.</summary>
    [JsonPropertyName("schedule_interpolation")] public ScheduleInterpolationMap ScheduleInterpolation { get; init; } = new();
    /// <summary>0.7.1: pick the sampler per frame from sampler_schedule instead of the Run cell's sampler.</summary>
    [JsonPropertyName("enable_schedule_samplers")] public bool EnableScheduleSamplers { get; init; }
    /// <summary>Keyframes of quoted sampler names, carried forward; the default is 0.7.1's, which names every k-diffusion sampler but klms.</summary>
    [JsonPropertyName("sampler_schedule")] public string SamplerSchedule { get; init; } =
        "0:('euler'),10:('dpm2'),20:('dpm2_ancestral'),30:('heun'),40:('euler'),50:('euler_ancestral'),60:('dpm_fast'),70:('dpm_adaptive'),80:('dpmpp_2s_a'),90:('dpmpp_2m')";
    [JsonPropertyName("color_coherence")] public string ColorCoherence { get; init; } = "Match Frame 0 LAB";
    /// <summary>0.7: with color_coherence "Video Input", re-take the colour reference from the video every N frames.</summary>
    [JsonPropertyName("color_coherence_video_every_N_frames")] public int ColorCoherenceVideoEveryNFrames { get; init; } = 1;
    /// <summary>0.7.1: convert every frame to greyscale before it is diffused.</summary>
    [JsonPropertyName("color_force_grayscale")] public bool ColorForceGrayscale { get; init; }
    /// <summary>1 … 8; the notebook stores it as a string ('1'), and so does the settings file.</summary>
    [JsonPropertyName("diffusion_cadence")] [JsonConverter(typeof(CadenceJsonConverter))] public int DiffusionCadence { get; init; } = 1;
    [JsonPropertyName("use_depth_warping")] public bool UseDepthWarping { get; init; } = true;
    /// <summary>The depth model (extension / Forge fork names, see <see cref="DepthAlgorithms"/>); absent from notebook files.</summary>
    [JsonPropertyName("depth_algorithm")] public string DepthAlgorithm { get; init; } = DepthAlgorithms.Default;
    [JsonPropertyName("midas_weight")] public double MidasWeight { get; init; } = 0.3;
    [JsonPropertyName("near_plane")] public double NearPlane { get; init; } = 200;
    [JsonPropertyName("far_plane")] public double FarPlane { get; init; } = 10000;
    [JsonPropertyName("fov")] public double Fov { get; init; } = 40;
    [JsonPropertyName("padding_mode")] public string PaddingMode { get; init; } = "border";
    [JsonPropertyName("sampling_mode")] public string SamplingMode { get; init; } = "bicubic";
    [JsonPropertyName("save_depth_maps")] public bool SaveDepthMaps { get; init; }
    /// <summary>Disco Diffusion 5.2's VR mode: a side-by-side left/right eye view of every frame, re-projected by its depth (off: 0.4's output).</summary>
    [JsonPropertyName("vr_mode")] public bool VrMode { get; init; }
    /// <summary>Degrees each eye turns toward the centre about the y axis (Disco's vr_eye_angle).</summary>
    [JsonPropertyName("vr_eye_angle")] public double VrEyeAngle { get; init; } = 0.5;
    /// <summary>Distance between the eyes in translation_x units (Disco's vr_ipd).</summary>
    [JsonPropertyName("vr_ipd")] public double VrIpd { get; init; } = 5.0;
    [JsonPropertyName("video_init_path")] public string VideoInitPath { get; init; } = "/content/video_in.mp4";
    [JsonPropertyName("extract_nth_frame")] public int ExtractNthFrame { get; init; } = 1;
    [JsonPropertyName("overwrite_extracted_frames")] public bool OverwriteExtractedFrames { get; init; } = true;
    [JsonPropertyName("use_mask_video")] public bool UseMaskVideo { get; init; }
    [JsonPropertyName("video_mask_path")] public string VideoMaskPath { get; init; } = "/content/video_in.mp4";
    // Hybrid video (0.7, "hybrid_video_*"; 0.7.1 dropped "video_" from every name and is the spelling written, see LegacyKeys).
    [JsonPropertyName("hybrid_generate_inputframes")] public bool HybridGenerateInputframes { get; init; }
    /// <summary>0.7.1 only.</summary>
    [JsonPropertyName("hybrid_generate_human_masks")] public string HybridGenerateHumanMasks { get; init; } = "None";
    [JsonPropertyName("hybrid_use_first_frame_as_init_image")] public bool HybridUseFirstFrameAsInitImage { get; init; } = true;
    [JsonPropertyName("hybrid_motion")] public string HybridMotion { get; init; } = "None";
    /// <summary>0.7.1 only: compute the video motion against the previous generated image instead of the previous video frame.</summary>
    [JsonPropertyName("hybrid_motion_use_prev_img")] public bool HybridMotionUsePrevImg { get; init; }
    [JsonPropertyName("hybrid_flow_method")] public string HybridFlowMethod { get; init; } = "Farneback";
    [JsonPropertyName("hybrid_composite")] public bool HybridComposite { get; init; }
    [JsonPropertyName("hybrid_comp_mask_type")] public string HybridCompMaskType { get; init; } = "None";
    [JsonPropertyName("hybrid_comp_mask_inverse")] public bool HybridCompMaskInverse { get; init; }
    [JsonPropertyName("hybrid_comp_mask_equalize")] public string HybridCompMaskEqualize { get; init; } = "None";
    [JsonPropertyName("hybrid_comp_mask_auto_contrast")] public bool HybridCompMaskAutoContrast { get; init; }
    [JsonPropertyName("hybrid_comp_save_extra_frames")] public bool HybridCompSaveExtraFrames { get; init; }
    [JsonPropertyName("hybrid_use_video_as_mse_image")] public bool HybridUseVideoAsMseImage { get; init; }
    /// <summary>2D/3D/Video Input: the frames before each prompt change that blend the two prompts' conditionings (0 = a hard switch, as 0.4).</summary>
    [JsonPropertyName("prompt_blend_window")] public int PromptBlendWindow { get; init; }
    /// <summary>How two prompts' conditionings are mixed, in the blend windows and in Interpolation mode: "Linear" (0.4) or "Slerp" (0.7.1).</summary>
    [JsonPropertyName("prompt_blend_method")] public string PromptBlendMethod { get; init; } = "Linear";
    [JsonPropertyName("interpolate_key_frames")] public bool InterpolateKeyFrames { get; init; }
    [JsonPropertyName("interpolate_x_frames")] public int InterpolateXFrames { get; init; } = 4;
    [JsonPropertyName("resume_from_timestring")] public bool ResumeFromTimestring { get; init; }
    [JsonPropertyName("resume_timestring")] public string ResumeTimestring { get; init; } = "20220829210106";
}
