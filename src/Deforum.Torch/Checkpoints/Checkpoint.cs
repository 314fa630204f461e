namespace Deforum.Torch.Checkpoints;

/// <summary>Loads model weights from .safetensors or torch.save .ckpt files without executing anything.</summary>
public static class Checkpoint
{
    /// <summary>
    /// Reads every tensor straight from the memory-mapped file to <paramref name="device"/>, converting floating
    /// point tensors to <paramref name="dtype"/> when given (one copy per tensor, no staging copy of the file).
    /// With <paramref name="computeSha256"/> the file's sha256 is computed in the same sequential pass, so
    /// verifying a download costs no second read.
    /// </summary>
    public static CheckpointTensors Load(string path, Device? device = null, DType? dtype = null, bool computeSha256 = false)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"checkpoint '{path}' does not exist", path);
        var target = new LoadTarget(device ?? Device.Cpu, dtype);
        return DetectFormat(path) switch
        {
            CheckpointFormat.Safetensors => LoadSafetensors(path, target, computeSha256),
            CheckpointFormat.TorchZip => LoadTorchZip(path, target, computeSha256),
            _ => throw new CheckpointFormatException(
                $"'{path}' uses the legacy (pre-1.6) torch.save format, which is unsupported; re-save it as safetensors " +
                "(in Python: safetensors.torch.save_file(torch.load(path)['state_dict'], 'model.safetensors'))"),
        };
    }

    /// <summary>Tells the format from the file's first bytes, not its extension.</summary>
    public static CheckpointFormat DetectFormat(string path)
    {
        Span<byte> head = stackalloc byte[9];
        int n;
        using (var fs = File.OpenRead(path)) n = fs.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (n >= 4 && head[0] == (byte)'P' && head[1] == (byte)'K' && head[2] == 3 && head[3] == 4) return CheckpointFormat.TorchZip;
        if (n >= 2 && head[0] == 0x80 && head[1] is >= 2 and <= 5) return CheckpointFormat.LegacyPickle;
        if (n >= 9 && head[8] == (byte)'{') return CheckpointFormat.Safetensors;
        throw new CheckpointFormatException(
            $"'{path}' is neither a .safetensors file nor a torch.save checkpoint (it starts with bytes {Convert.ToHexString(head[..n])}); " +
            "the download may be incomplete or the file may be of another kind (e.g. a .pt of a different library or an HTML error page)");
    }

    readonly record struct LoadTarget(Device Device, DType? DType)
    {
        public DType For(DType stored) => DType is { } d && stored.IsFloatingPoint() ? d : stored;
    }

    static CheckpointTensors LoadSafetensors(string path, LoadTarget target, bool computeSha256)
    {
        using var file = SafetensorsFile.Open(path);
        using var sha = computeSha256 ? file.StartSha256() : null;
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            foreach (var e in file.EntriesInFileOrder())
            {
                tensors[e.Name] = DisposeScope.Detach(Tensor.FromHost(file.GetPointer(e.Name), e.Shape, null, e.DType, target.For(e.DType), target.Device));
                sha?.HashThrough(file.DataStart + e.End);
            }
            return new CheckpointTensors(tensors, path, sha?.Finish(), []);
        }
        catch
        {
            foreach (var t in tensors.Values) t.Dispose();
            throw;
        }
    }

    static CheckpointTensors LoadTorchZip(string path, LoadTarget target, bool computeSha256)
    {
        using var ckpt = TorchCheckpoint.Open(path);
        using var sha = computeSha256 ? ckpt.StartSha256() : null;
        var byStorage = ckpt.StateDict.GroupBy(kv => kv.Value.StorageKey).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            // Storages in file order: each is read once, by every view on it, while the hash advances past it.
            foreach (var storage in ckpt.StoragesInFileOrder())
            {
                if (byStorage.TryGetValue(storage.Key, out var views))
                {
                    var basePtr = ckpt.GetStoragePointer(storage.Key);
                    foreach (var (name, view) in views)
                        tensors[name] = DisposeScope.Detach(CreateView(path, name, view, storage, basePtr, target));
                }
                sha?.HashThrough(storage.FileOffset + storage.StoredLength);
            }
            var missing = ckpt.StateDict.Keys.Where(k => !tensors.ContainsKey(k)).ToList();
            if (missing.Count > 0)
                throw new CheckpointFormatException($"'{path}': tensors {string.Join(", ", missing.Take(5))} refer to storages missing from the archive");
            // Keep the state dict's own key order (the order PyTorch would iterate it in).
            var ordered = ckpt.StateDict.Keys.ToDictionary(k => k, k => tensors[k], StringComparer.Ordinal);
            return new CheckpointTensors(ordered, path, sha?.Finish(), ckpt.UnknownGlobals);
        }
        catch
        {
            foreach (var t in tensors.Values) t.Dispose();
            throw;
        }
    }

    static Tensor CreateView(string path, string name, PickledTensor view, TorchStorage storage, IntPtr basePtr, LoadTarget target)
    {
        if (view.StorageDType != storage.DType)
            throw new CheckpointFormatException($"'{path}': tensor '{name}' is {view.StorageDType} but its storage '{storage.Key}' is {storage.DType}");
        if (view.ElementCount == 0)
            return Tensor.Empty(view.Shape, target.For(view.StorageDType), target.Device);
        // The highest element the strided view touches must lie inside the storage: never read past the mapping.
        long last = view.StorageOffset;
        for (int i = 0; i < view.Shape.Length; i++) last += (view.Shape[i] - 1) * view.Strides[i];
        if (view.StorageOffset < 0 || view.Strides.Any(s => s < 0) || last >= storage.ElementCount)
            throw new CheckpointFormatException(
                $"'{path}': tensor '{name}' ({view}) reaches element {last} of storage '{storage.Key}', which holds only {storage.ElementCount}; the file is corrupt");
        var ptr = basePtr + checked((nint)(view.StorageOffset * view.StorageDType.ElementSize()));
        return Tensor.FromHost(ptr, view.Shape, view.Strides, view.StorageDType, target.For(view.StorageDType), target.Device);
    }
}

public enum CheckpointFormat { Safetensors, TorchZip, LegacyPickle }
