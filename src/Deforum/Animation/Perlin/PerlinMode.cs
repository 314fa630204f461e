namespace Deforum.Animation.Perlin;

/// <summary>Disco Diffusion's perlin_mode: which of its two Perlin pictures are grey.</summary>
public enum PerlinMode
{
    /// <summary>The 12-octave picture in colour, the 8-octave one grey (Disco's default).</summary>
    Mixed,
    Color,
    Gray,
}
