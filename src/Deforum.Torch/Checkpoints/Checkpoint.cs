namespace Deforum.Torch.Checkpoints;

/// <summary>Loads model weights from .safetensors or torch.save .ckpt files without executing anything.</summary>
public static class Checkpoint
{
    /// <summary>
    /// Reads every tensor straight from the memory-mapped file to <paramref name="device"/>, converting floating
    /// point tensors to <paramref name="dtype"/> when given (one copy per tensor, no staging copy of the file).
    /// </summary>
    public static CheckpointTensors Load(string path, Device? device = null, DType? dtype = null)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"checkpoint '{path}' does not exist", path);
        var format = DetectFormat(path);
        return format switch
        {
            CheckpointFormat.Safetensors => LoadSafetensors(path, device ?? Device.Cpu, dtype),
            _ => throw new CheckpointFormatException($"'{path}': torch.save (.ckpt) loading is not available yet in this build"),
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

    static CheckpointTensors LoadSafetensors(string path, Device device, DType? dtype)
    {
        using var file = SafetensorsFile.Open(path);
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            foreach (var e in file.Entries.Values.OrderBy(e => e.Begin))
            {
                var target = dtype is { } d && e.DType.IsFloatingPoint() ? d : e.DType;
                tensors[e.Name] = DisposeScope.Detach(Tensor.FromHost(file.GetPointer(e.Name), e.Shape, null, e.DType, target, device));
            }
        }
        catch
        {
            foreach (var t in tensors.Values) t.Dispose();
            throw;
        }
        return new CheckpointTensors(tensors, path, null);
    }
}

public enum CheckpointFormat { Safetensors, TorchZip, LegacyPickle }
