using System.IO.MemoryMappedFiles;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Deforum.Torch.Checkpoints;

/// <summary>
/// A memory-mapped torch.save checkpoint (.ckpt / .pt, zip format of torch ≥ 1.6) read without Python:
/// data.pkl runs through the safe unpickler, storages stay in the mapping (zero copy) unless the archive
/// deflated them. Nothing in the file is ever executed.
/// </summary>
// Layout of torch.save's zip archive (torch/serialization.py, _save): <name>/data.pkl, <name>/data/<storage
// key> per storage, <name>/version, and since torch 2.1 <name>/byteorder.
public sealed unsafe class TorchCheckpoint : IDisposable
{
    const string LegacyMessage =
        "legacy (pre-1.6) torch.save format is unsupported; re-save it as safetensors (on a trusted machine with " +
        "torch and safetensors: `from safetensors.torch import save_file; sd = torch.load(path, map_location='cpu'); " +
        "save_file(sd.get('state_dict', sd), 'model.safetensors')`) or re-save it with torch ≥ 1.6 `torch.save`";

    readonly MemoryMappedFile _map;
    readonly MemoryMappedViewAccessor _view;
    readonly byte* _base;
    readonly long _length;
    readonly Dictionary<string, ZipEntry> _entries;
    readonly string _prefix;
    readonly Dictionary<string, TorchStorage> _storages = new(StringComparer.Ordinal);
    readonly Dictionary<string, byte[]> _inflated = new(StringComparer.Ordinal);
    bool _disposed;

    public string Path { get; }

    /// <summary>The unpickled top-level object (see PickleValues.cs for how Python values appear).</summary>
    public object? Root { get; }

    /// <summary>
    /// The tensors of the <c>state_dict</c> entry, else of the <c>model</c> entry when it is a name → tensor dict (the
    /// {'model', 'optimizer', 'epoch'} training checkpoints of AdaBins and MiDaS), else of the root when the root is
    /// itself a name → tensor dict, in pickle order. Non-tensor values are left out.
    /// </summary>
    public IReadOnlyDictionary<string, PickledTensor> StateDict { get; }

    /// <summary>Every storage the pickle referenced, by key.</summary>
    public IReadOnlyDictionary<string, TorchStorage> Storages => _storages;

    /// <summary>Full names of the globals that became inert placeholders (e.g. pytorch_lightning callbacks).</summary>
    public IReadOnlyList<string> UnknownGlobals { get; }

    /// <summary>The root's <c>global_step</c> when it is an integer (plain or numpy scalar).</summary>
    public long? GlobalStep { get; }

    TorchCheckpoint(string path, MemoryMappedFile map, MemoryMappedViewAccessor view, long length)
    {
        Path = path;
        _map = map;
        _view = view;
        _length = length;
        byte* p = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref p);
        _base = p + view.PointerOffset;
        try
        {
            _entries = ReadDirectory(out _prefix);
            (Root, UnknownGlobals) = SafeUnpickler.Load(ReadEntry(_prefix + "data.pkl"), path, LoadStorage);
        }
        catch
        {
            view.SafeMemoryMappedViewHandle.ReleasePointer();
            throw;
        }
        StateDict = FlattenStateDict(Root);
        GlobalStep = Root is PickleDict d && d.TryGetValue("global_step", out var step) && step is long s ? s : null;
    }

    public static TorchCheckpoint Open(string path)
    {
        var length = new FileInfo(path).Length;
        if (length < 4)
            throw new CheckpointFormatException($"'{path}' is not a torch checkpoint: only {length} bytes");
        using (var fs = File.OpenRead(path))
        {
            Span<byte> magic = stackalloc byte[2];
            fs.ReadExactly(magic);
            // The legacy format is a bare pickle stream, which opens with PROTO (0x80).
            if (magic[0] == 0x80)
                throw new CheckpointFormatException($"'{path}': {LegacyMessage}");
            if (magic[0] != (byte)'P' || magic[1] != (byte)'K')
                throw new CheckpointFormatException($"'{path}' is not a torch checkpoint: it is neither a zip archive nor a pickle");
        }

        var map = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        MemoryMappedViewAccessor? view = null;
        try
        {
            view = map.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
            return new TorchCheckpoint(path, map, view, length);
        }
        catch
        {
            view?.Dispose();
            map.Dispose();
            throw;
        }
    }

    /// <summary>A storage's raw little-endian bytes, straight from the mapping (valid until Dispose).</summary>
    public ReadOnlySpan<byte> GetStorageBytes(string key)
    {
        var s = Storage(key);
        return new ReadOnlySpan<byte>((void*)StoragePointer(s), checked((int)s.ByteLength));
    }

    /// <summary>A pointer to a storage's bytes (valid until Dispose; deflated storages live in a pinned array).</summary>
    public IntPtr GetStoragePointer(string key) => StoragePointer(Storage(key));

    /// <summary>The bytes of a contiguous tensor view (valid until Dispose).</summary>
    public ReadOnlySpan<byte> GetTensorBytes(PickledTensor tensor)
    {
        if (!tensor.IsContiguous)
            throw new InvalidOperationException($"tensor on storage '{tensor.StorageKey}' is not contiguous; read its storage and apply the strides");
        var storage = GetStorageBytes(tensor.StorageKey);
        // an empty view may carry any offset, even one past the storage's end
        if (tensor.ElementCount == 0) return storage[..0];
        int size = tensor.StorageDType.ElementSize();
        return storage.Slice(checked((int)(tensor.StorageOffset * size)), checked((int)(tensor.ElementCount * size)));
    }

    /// <summary>Storages ordered by their position in the file, the order to create tensors in alongside a Sha256Pass.</summary>
    public IEnumerable<TorchStorage> StoragesInFileOrder() => _storages.Values.OrderBy(s => s.FileOffset);

    /// <summary>Starts hashing this file; feed it each storage's end (FileOffset + StoredLength) as it is consumed.</summary>
    public Sha256Pass StartSha256()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new Sha256Pass(_view, _length);
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _map.Dispose();
    }

    Dictionary<string, ZipEntry> ReadDirectory(out string prefix)
    {
        var entries = new Dictionary<string, ZipEntry>(StringComparer.Ordinal);
        foreach (var e in ZipDirectory.Read(Path, _base, _length))
            if (!entries.TryAdd(e.Name, e))
                throw new CheckpointFormatException($"'{Path}' has two zip entries named '{e.Name}'; the archive is corrupt or forged");
        // torch.save puts every record under one top-level folder, named after the file it first saved to
        var pickles = entries.Keys.Where(n => n.EndsWith("/data.pkl", StringComparison.Ordinal) && n.IndexOf('/') == n.Length - "/data.pkl".Length).ToList();
        if (pickles.Count != 1)
            throw new CheckpointFormatException(pickles.Count == 0
                ? $"'{Path}' is a zip archive but not a torch checkpoint: it has no <name>/data.pkl entry"
                : $"'{Path}' has {pickles.Count} data.pkl entries ({string.Join(", ", pickles)}); expected one");
        prefix = pickles[0][..^"data.pkl".Length];
        if (entries.ContainsKey(prefix + "byteorder") && Encoding.ASCII.GetString(ReadEntry(prefix + "byteorder", entries)) != "little")
            throw new CheckpointFormatException($"'{Path}' was saved on a big-endian machine; only little-endian checkpoints are supported");
        return entries;
    }

    byte[] ReadEntry(string name) => ReadEntry(name, _entries);

    byte[] ReadEntry(string name, Dictionary<string, ZipEntry> entries)
    {
        var e = entries[name];
        if (e.Method == ZipEntry.Deflated)
            return ZipDirectory.Inflate(Path, _base, e);
        return new ReadOnlySpan<byte>(_base + e.DataOffset, checked((int)e.Size)).ToArray();
    }

    // torch.save's persistent id for a storage: ('storage', storage_type, key, location, numel)
    object? LoadStorage(object? pid)
    {
        if (pid is not object?[] { Length: 5 } t || t[0] is not "storage" || t[2] is not string key || t[4] is not long numel || numel < 0)
            throw new CheckpointFormatException($"'{Path}': unsupported persistent id {AllowedCalls.Describe(pid)} in data.pkl");
        if (t[1] is not StorageClass type)
            throw new CheckpointFormatException($"'{Path}': storage '{key}' has type {AllowedCalls.Describe(t[1])}, which is not a supported typed storage");

        if (_storages.TryGetValue(key, out var known))
        {
            if (known.DType != type.DType || known.ElementCount != numel)
                throw new CheckpointFormatException($"'{Path}': storage '{key}' is referenced both as {known.DType}[{known.ElementCount}] and as {type.DType}[{numel}]");
            return new StorageRef(key, known.DType, known.ElementCount);
        }

        var name = _prefix + "data/" + key;
        if (!_entries.TryGetValue(name, out var entry))
            throw new CheckpointFormatException($"'{Path}': the pickle references storage '{key}' but the archive has no entry '{name}'; the file is incomplete");
        long needed = numel > long.MaxValue / 8 ? long.MaxValue : numel * type.DType.ElementSize();
        if (entry.Size < needed)
            throw new CheckpointFormatException($"'{Path}': storage '{key}' ({type.FullName}) should hold {numel} elements ({needed} bytes) but its entry has {entry.Size} bytes");
        bool compressed = entry.Method == ZipEntry.Deflated;
        if (compressed)
            _inflated[key] = ZipDirectory.Inflate(Path, _base, entry);
        _storages[key] = new TorchStorage(key, type.DType, numel, entry.DataOffset, entry.CompressedSize, compressed);
        return new StorageRef(key, type.DType, numel);
    }

    TorchStorage Storage(string key)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _storages.TryGetValue(key, out var s) ? s : throw new KeyNotFoundException($"'{Path}' has no storage '{key}'");
    }

    IntPtr StoragePointer(TorchStorage s) =>
        s.Compressed ? (IntPtr)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_inflated[s.Key])) : (IntPtr)(_base + s.FileOffset);

    static OrderedDictionary<string, PickledTensor> FlattenStateDict(object? root)
    {
        var source = root is PickleDict d && d.TryGetValue("state_dict", out var sd) && sd is PickleDict inner ? inner
            : root is PickleDict m && m.TryGetValue("model", out var md) && md is PickleDict model && IsTensorDict(model) ? model
            : root is PickleDict r && IsTensorDict(r) ? r
            : null;
        var result = new OrderedDictionary<string, PickledTensor>(StringComparer.Ordinal);
        if (source is null) return result;
        foreach (var (k, v) in source)
            if (k is string name && v is PickledTensor t)
                result[name] = t;
        return result;
    }

    static bool IsTensorDict(PickleDict d) => d.Count > 0 && d.All(kv => kv.Key is string && kv.Value is PickledTensor);
}
