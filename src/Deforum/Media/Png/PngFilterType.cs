namespace Deforum.Media.Png;

/// <summary>The per-row filter codes of the PNG specification (filter method 0).</summary>
public enum PngFilterType : byte
{
    None = 0,
    Sub = 1,
    Up = 2,
    Average = 3,
    Paeth = 4,
}
