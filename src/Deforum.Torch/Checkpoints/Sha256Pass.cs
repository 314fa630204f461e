using System.IO.MemoryMappedFiles;
using Microsoft.Win32.SafeHandles;
using System.Security.Cryptography;

namespace Deforum.Torch.Checkpoints;

/// <summary>
/// Hashes a memory-mapped checkpoint while it is being loaded: the loader reports each byte range it has
/// consumed, in increasing file order, and the hasher catches up to that range's end (gaps included) while
/// the bytes are still hot, so verifying the file's sha256 costs no second read.
/// </summary>
public sealed unsafe class Sha256Pass : IDisposable
{
    const int Chunk = 1 << 30;

    readonly SafeMemoryMappedViewHandle _view;
    readonly byte* _base;
    readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    bool _disposed;

    /// <summary>File length in bytes.</summary>
    public long Length { get; }

    /// <summary>Bytes hashed so far, from the start of the file.</summary>
    public long Position { get; private set; }

    // The pass holds its own reference on the view, so the mapping outlives a reader disposed first.
    internal Sha256Pass(MemoryMappedViewAccessor view, long length)
    {
        _view = view.SafeMemoryMappedViewHandle;
        byte* p = null;
        _view.AcquirePointer(ref p);
        _base = p + view.PointerOffset;
        Length = length;
    }

    /// <summary>Hashes the file up to <paramref name="end"/> (exclusive); ranges already hashed are skipped.</summary>
    public void HashThrough(long end)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(end, Length);
        while (Position < end)
        {
            int n = (int)Math.Min(Chunk, end - Position);
            _hash.AppendData(new ReadOnlySpan<byte>(_base + Position, n));
            Position += n;
        }
    }

    /// <summary>Hashes the remainder of the file and returns the lowercase hex sha256.</summary>
    public string Finish()
    {
        HashThrough(Length);
        return Convert.ToHexStringLower(_hash.GetHashAndReset());
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _hash.Dispose();
        _view.ReleasePointer();
    }
}
