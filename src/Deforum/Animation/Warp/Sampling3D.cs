using Deforum.Torch;

namespace Deforum.Animation.Warp;

/// <summary>Parses the notebook's 3D padding_mode and sampling_mode names into grid_sample's options.</summary>
public static class Sampling3D
{
    static readonly string[] PaddingNames = ["border", "reflection", "zeros"];
    static readonly string[] SamplingNames = ["bicubic", "bilinear", "nearest"];

    public static GridSamplePadding ParsePadding(string name) => name switch
    {
        "border" => GridSamplePadding.Border,
        "reflection" => GridSamplePadding.Reflection,
        "zeros" => GridSamplePadding.Zeros,
        _ => throw new ArgumentException($"unknown padding_mode '{name}'; valid: {string.Join(", ", PaddingNames)}", nameof(name)),
    };

    public static GridSampleMode ParseSampling(string name) => name switch
    {
        "bicubic" => GridSampleMode.Bicubic,
        "bilinear" => GridSampleMode.Bilinear,
        "nearest" => GridSampleMode.Nearest,
        _ => throw new ArgumentException($"unknown sampling_mode '{name}'; valid: {string.Join(", ", SamplingNames)}", nameof(name)),
    };
}

/// <summary>
/// Options of the 3D warp. <see cref="AspectFromSize"/> selects the 0.4–0.7 camera (focal x divided by W/H); the
/// default follows the golden reference (v0.7 line, aspect 1). <see cref="AddSampleOffset"/>: the notebook (and the
/// extension's legacy transform) add 1/512 − 0.0001 to every pixel before sampling; the Forge fork's
/// transform_image_3d_new, which the non-legacy depth algorithms use, does not. See docs/animation.md.
/// </summary>
public sealed record Warp3DOptions(
    GridSamplePadding Padding = GridSamplePadding.Border,
    GridSampleMode Sampling = GridSampleMode.Bicubic,
    bool AspectFromSize = false,
    bool AddSampleOffset = true);
