namespace Deforum.Media;

/// <summary>
/// Interleaved pixels in row-major HWC order (the layout of the original's NumPy frame arrays), with
/// 1 (gray), 2 (gray + alpha), 3 (RGB) or 4 (RGBA) channels of <typeparamref name="T"/> samples.
/// </summary>
public sealed class ImageBuffer<T> where T : unmanaged
{
    public ImageBuffer(int width, int height, int channels)
        : this(width, height, channels, new T[checked(Math.Max(width, 0) * Math.Max(height, 0) * Math.Max(channels, 0))]) { }

    public ImageBuffer(int width, int height, int channels, T[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channels, 4);
        ArgumentNullException.ThrowIfNull(pixels);
        long expected = (long)width * height * channels;
        if (pixels.Length != expected)
            throw new ArgumentException($"pixel buffer holds {pixels.Length} samples but {width}x{height}x{channels} needs {expected}", nameof(pixels));
        Width = width;
        Height = height;
        Channels = channels;
        Pixels = pixels;
    }

    public int Width { get; }
    public int Height { get; }
    public int Channels { get; }
    public T[] Pixels { get; }

    /// <summary>Samples per row (width × channels).</summary>
    public int RowLength => Width * Channels;

    public Span<T> Row(int y) => Pixels.AsSpan(y * RowLength, RowLength);
}
