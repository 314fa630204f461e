namespace Deforum.Media.Video;

/// <summary>
/// Equal-sized raw frames kept in a hidden temporary file beside a video as they stream past, read back by index: the
/// way back of a ping-pong video made from frames that exist nowhere else (a camera preview). The file is deleted
/// when this is disposed, or by the system once the process ends.
/// </summary>
internal sealed class FrameSpill : IDisposable
{
    readonly FileStream _file;
    readonly int _frameBytes;

    FrameSpill(FileStream file, int frameBytes)
    {
        _file = file;
        _frameBytes = frameBytes;
    }

    public int Count { get; private set; }

    public static FrameSpill Create(string videoPath, int frameBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frameBytes);
        string path = AtomicFile.ReserveTempPath(Path.GetFullPath(videoPath) + ".frames");
        return new(new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose), frameBytes);
    }

    public void Add(ReadOnlySpan<byte> frame)
    {
        if (frame.Length != _frameBytes)
            throw new ArgumentException($"a frame of {frame.Length} bytes, this spill holds frames of {_frameBytes}", nameof(frame));
        _file.Seek((long)Count * _frameBytes, SeekOrigin.Begin);
        _file.Write(frame);
        Count++;
    }

    /// <summary>Frame <paramref name="index"/> (from 0, in the order added).</summary>
    public byte[] Read(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        var frame = new byte[_frameBytes];
        _file.Seek((long)index * _frameBytes, SeekOrigin.Begin);
        _file.ReadExactly(frame);
        return frame;
    }

    public void Dispose() => _file.Dispose();
}
