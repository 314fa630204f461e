namespace Deforum.Media.Png;

/// <summary>The IHDR colour type codes of the PNG specification.</summary>
public enum PngColorType : byte
{
    Gray = 0,
    Rgb = 2,
    Palette = 3,
    GrayAlpha = 4,
    Rgba = 6,
}
