using System.IO.MemoryMappedFiles;
using System.Text.Json;

namespace Deforum.Torch.Checkpoints;

/// <summary>One tensor entry of a safetensors header: dtype, shape and its byte range in the data section.</summary>
public sealed record SafetensorsEntry(string Name, DType DType, long[] Shape, long Begin, long End)
{
    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);
}

/// <summary>
/// A memory-mapped .safetensors file (format: 8-byte little-endian header length, JSON header, raw
/// little-endian C-order data). The header is parsed and validated up front; tensor bytes are read
/// straight from the mapping, so opening costs no copy.
/// </summary>
public sealed unsafe class SafetensorsFile : IDisposable
{
    const long MaxHeaderBytes = 100L << 20;

    readonly MemoryMappedFile? _map;
    readonly MemoryMappedViewAccessor? _view;
    readonly byte* _base;
    readonly long _dataStart;
    readonly long _length;
    bool _disposed;

    public string Path { get; }
    public IReadOnlyDictionary<string, SafetensorsEntry> Entries { get; }
    public IReadOnlyDictionary<string, string> Metadata { get; }

    SafetensorsFile(string path, MemoryMappedFile? map, MemoryMappedViewAccessor? view, long length, long dataStart,
        Dictionary<string, SafetensorsEntry> entries, Dictionary<string, string> metadata)
    {
        Path = path;
        _length = length;
        _map = map;
        _view = view;
        _dataStart = dataStart;
        Entries = entries;
        Metadata = metadata;
        if (view is not null)
        {
            byte* p = null;
            view.SafeMemoryMappedViewHandle.AcquirePointer(ref p);
            _base = p + view.PointerOffset;
        }
    }

    public static SafetensorsFile Open(string path)
    {
        var length = new FileInfo(path).Length;
        if (length < 8)
            throw new CheckpointFormatException($"'{path}' is not a safetensors file: only {length} bytes, the 8-byte header length is missing");

        ulong headerLength;
        using (var fs = File.OpenRead(path))
        {
            Span<byte> len = stackalloc byte[8];
            fs.ReadExactly(len);
            headerLength = BitConverter.ToUInt64(len);
        }
        if (headerLength > (ulong)MaxHeaderBytes || 8 + (long)headerLength > length)
            throw new CheckpointFormatException(
                $"'{path}' is not a valid safetensors file: header length {headerLength} does not fit in the file ({length} bytes); the file is truncated or of another format");

        var map = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        try
        {
            var view = map.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
            var headerBytes = new byte[headerLength];
            view.ReadArray(8, headerBytes, 0, headerBytes.Length);
            var dataStart = 8 + (long)headerLength;
            var (entries, metadata) = ParseHeader(path, headerBytes, length - dataStart);
            return new SafetensorsFile(path, map, view, length, dataStart, entries, metadata);
        }
        catch
        {
            map.Dispose();
            throw;
        }
    }

    static (Dictionary<string, SafetensorsEntry>, Dictionary<string, string>) ParseHeader(string path, byte[] header, long dataLength)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(header); }
        catch (JsonException e) { throw new CheckpointFormatException($"'{path}': safetensors header is not valid JSON ({e.Message})", e); }

        using (doc)
        {
            var entries = new Dictionary<string, SafetensorsEntry>(StringComparer.Ordinal);
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var prop in doc.RootElement.EnumerateObject())
            {
                if (prop.Name == "__metadata__")
                {
                    foreach (var m in prop.Value.EnumerateObject())
                        metadata[m.Name] = m.Value.ValueKind == JsonValueKind.String ? m.Value.GetString()! : m.Value.GetRawText();
                    continue;
                }
                var v = prop.Value;
                if (!v.TryGetProperty("dtype", out var dt) || !v.TryGetProperty("shape", out var sh) || !v.TryGetProperty("data_offsets", out var off))
                    throw new CheckpointFormatException($"'{path}': tensor '{prop.Name}' lacks dtype, shape or data_offsets");
                DType dtype;
                try { dtype = DTypeExtensions.FromSafetensorsName(dt.GetString() ?? ""); }
                catch (NotSupportedException e) { throw new CheckpointFormatException($"'{path}': tensor '{prop.Name}': {e.Message}", e); }
                var shape = sh.EnumerateArray().Select(x => x.GetInt64()).ToArray();
                var offsets = off.EnumerateArray().Select(x => x.GetInt64()).ToArray();
                if (offsets.Length != 2 || offsets[0] < 0 || offsets[1] < offsets[0] || offsets[1] > dataLength)
                    throw new CheckpointFormatException(
                        $"'{path}': tensor '{prop.Name}' has data_offsets [{string.Join(", ", offsets)}] outside the data section ({dataLength} bytes); the file is truncated or corrupt");
                var entry = new SafetensorsEntry(prop.Name, dtype, shape, offsets[0], offsets[1]);
                if (entry.ElementCount * dtype.ElementSize() != offsets[1] - offsets[0])
                    throw new CheckpointFormatException(
                        $"'{path}': tensor '{prop.Name}' shape [{string.Join(", ", shape)}] {dtype} needs {entry.ElementCount * dtype.ElementSize()} bytes but data_offsets span {offsets[1] - offsets[0]}");
                entries.Add(prop.Name, entry);
            }
            return (entries, metadata);
        }
    }

    /// <summary>The raw little-endian bytes of one tensor, straight from the mapping (valid until Dispose).</summary>
    public ReadOnlySpan<byte> GetBytes(string name)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!Entries.TryGetValue(name, out var e))
            throw new KeyNotFoundException($"'{Path}' has no tensor '{name}'");
        return new ReadOnlySpan<byte>(_base + _dataStart + e.Begin, checked((int)(e.End - e.Begin)));
    }

    /// <summary>A pointer to one tensor's bytes inside the mapping (valid until Dispose).</summary>
    public IntPtr GetPointer(string name)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!Entries.TryGetValue(name, out var e))
            throw new KeyNotFoundException($"'{Path}' has no tensor '{name}'");
        return (IntPtr)(_base + _dataStart + e.Begin);
    }

    /// <summary>Copies one tensor into a managed array of T (T must match the stored element size).</summary>
    public T[] Read<T>(string name) where T : unmanaged
    {
        var bytes = GetBytes(name);
        if (bytes.Length % sizeof(T) != 0)
            throw new InvalidOperationException($"tensor '{name}' ({Entries[name].DType}) cannot be read as {typeof(T).Name}");
        return System.Runtime.InteropServices.MemoryMarshal.Cast<byte, T>(bytes).ToArray();
    }

    /// <summary>File offset of the data section; an entry's bytes lie at DataStart + Begin .. DataStart + End.</summary>
    public long DataStart => _dataStart;

    /// <summary>Entries ordered by their position in the file, the order to create tensors in alongside a Sha256Pass.</summary>
    public IEnumerable<SafetensorsEntry> EntriesInFileOrder() => Entries.Values.OrderBy(e => e.Begin);

    /// <summary>Starts hashing this file; feed it each entry's end (DataStart + End) as it is consumed.</summary>
    public Sha256Pass StartSha256()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new Sha256Pass(_view ?? throw new InvalidOperationException($"'{Path}' is not mapped"), _length);
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (_view is not null)
        {
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
            _view.Dispose();
        }
        _map?.Dispose();
    }
}
