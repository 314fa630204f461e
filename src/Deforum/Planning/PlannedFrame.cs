using Deforum.Animation.Perlin;
using Deforum.Prompts;
using Deforum.Sampling;

namespace Deforum.Planning;

/// <summary>
/// One entry of a render plan, in execution order. Generation fields (strength, steps, seed, prompt) are set for
/// entries that run the sampler; noise, contrast and motion only where the original applies them; FileName is
/// null for generations that are not saved.
/// </summary>
public sealed record PlannedFrame
{
    public required int Index { get; init; }
    public required FrameKind Kind { get; init; }
    public FrameMotion? Motion { get; init; }
    public double? Strength { get; init; }
    /// <summary>Sampler steps actually run: int((1 − strength) · steps) in double precision.</summary>
    public int? Steps { get; init; }
    public double? Noise { get; init; }
    /// <summary>noise_type perlin: the extension's Perlin noise replaces the Gaussian noise of this frame's init.</summary>
    public PlannedPerlinNoise? PerlinNoise { get; init; }
    public double? Contrast { get; init; }
    /// <summary>0.7 unsharp mask applied after contrast; null where there is no init to sharpen or the amount is 0.</summary>
    public AntiBlur? AntiBlur { get; init; }
    public ColorReferenceRule Color { get; init; }
    public FramePrompt? Prompt { get; init; }
    public long? Seed { get; init; }
    /// <summary>0.7.1 sampler_schedule's pick for this generation; null where the Run cell's sampler is used.</summary>
    public SamplerName? Sampler { get; init; }
    /// <summary>The init image of this generation when it is a file (init_image, or a Video Input frame).</summary>
    public string? InitImage { get; init; }
    /// <summary>perlin_init: this generation starts from Disco Diffusion's Perlin-noise picture, seeded with <see cref="Seed"/>.</summary>
    public PerlinMode? PerlinInit { get; init; }
    public CadenceBlend? Blend { get; init; }
    public PromptBlend? PromptBlend { get; init; }
    /// <summary>A diffused frame inside a prompt blend window: its c and uc are blended toward the next prompt.</summary>
    public PromptWindow? PromptWindow { get; init; }
    public string? FileName { get; init; }
    /// <summary>The depth map written with this frame when save_depth_maps is on.</summary>
    public string? DepthFileName { get; init; }
    /// <summary>The side-by-side eye views written with this frame when vr_mode is on.</summary>
    public StereoView? Stereo { get; init; }
    /// <summary>Video Input with use_mask_video: this frame's mask from maskframes/.</summary>
    public string? MaskImage { get; init; }
}
