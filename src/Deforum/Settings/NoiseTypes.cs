namespace Deforum.Settings;

/// <summary>The accepted values of noise_type (the Automatic1111 Deforum extension's names).</summary>
public static class NoiseTypes
{
    /// <summary>The notebook's per-pixel Gaussian frame noise; the extension labels it so.</summary>
    public const string Uniform = "uniform";
    /// <summary>The extension's white noise shaped by Perlin noise, blended into the 8-bit frame.</summary>
    public const string Perlin = "perlin";

    public static readonly IReadOnlyList<string> All = [Uniform, Perlin];
}
