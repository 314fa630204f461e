namespace Deforum.Settings;

/// <summary>Accepted values of the choice settings, per settings.md (all versions' values that this port renders).</summary>
public static class Choices
{
    /// <summary>The samplers this engine runs, in Deforum's order.</summary>
    public static readonly IReadOnlyList<string> Samplers = [.. Sampling.SamplerNames.Valid];
    public static readonly IReadOnlyList<string> SeedBehaviors = ["iter", "fixed", "random", "ladder", "alternate", "schedule"];
    public static readonly IReadOnlyList<string> FilenameFormats = ["{timestring}_{index}_{prompt}.png", "{timestring}_{index}_{seed}.png"];
    public static readonly IReadOnlyList<string> Borders = ["wrap", "replicate"];
    public static readonly IReadOnlyList<string> ColorCoherences =
        ["None", "Match Frame 0 HSV", "Match Frame 0 LAB", "Match Frame 0 RGB", "Video Input"];
    public static readonly IReadOnlyList<string> PaddingModes = ["border", "reflection", "zeros"];
    public static readonly IReadOnlyList<string> SamplingModes = ["bicubic", "bilinear", "nearest"];
    /// <summary>Disco Diffusion's perlin_mode values (<see cref="Animation.Perlin.PerlinMode"/>).</summary>
    public static readonly IReadOnlyList<string> PerlinModes = ["mixed", "color", "gray"];
    public static readonly IReadOnlyList<string> ModelConfigs = ["custom", "v1-inference.yaml", "v2-inference.yaml", "v2-inference-v.yaml"];
    public static readonly IReadOnlyList<string> MapLocations = ["cpu", "cuda"];
    public static readonly IReadOnlyList<string> BitDepths = ["8", "16", "32"];
    public static readonly IReadOnlyList<string> HybridHumanMasks = ["None", "PNGs", "Video", "Both"];
    public static readonly IReadOnlyList<string> HybridMotions = ["None", "Optical Flow", "Perspective", "Affine"];
    public static readonly IReadOnlyList<string> HybridFlowMethods = ["Farneback", "DenseRLOF", "SF", "DIS Medium"];
    public static readonly IReadOnlyList<string> HybridCompMaskTypes = ["None", "Depth", "Video Depth", "Blend", "Difference"];
    public static readonly IReadOnlyList<string> HybridCompMaskEqualizes = ["None", "Before", "After", "Both"];
    public static readonly IReadOnlyList<string> ClipNames = ["ViT-L/14", "ViT-L/14@336px", "ViT-B/16", "ViT-B/32"];
    public static readonly IReadOnlyList<string> GradientWrts = ["x", "x0_pred"];
    public static readonly IReadOnlyList<string> GradientAddTos = ["cond", "uncond", "both"];
    public static readonly IReadOnlyList<string> DecodeMethods = ["autoencoder", "linear"];
    public static readonly IReadOnlyList<string> GradThresholdTypes = ["dynamic", "static", "mean", "schedule"];
    public static readonly IReadOnlyList<string> PathNameModifiers = ["x0_pred", "x"];
    public static readonly IReadOnlyList<string> PromptBlendMethods = Enum.GetNames<Sampling.ConditioningBlendMethod>();
}
