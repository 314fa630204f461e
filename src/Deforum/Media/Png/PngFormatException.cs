namespace Deforum.Media.Png;

/// <summary>A PNG file that is corrupt, truncated, or uses a feature this codec does not read.</summary>
public sealed class PngFormatException : IOException
{
    public PngFormatException(string message) : base(message) { }

    public PngFormatException(string message, Exception inner) : base(message, inner) { }
}
