using System.Text.Json;

namespace Deforum.Torch.Checkpoints;

/// <summary>
/// Writes tensors and string metadata in the safetensors format <see cref="SafetensorsFile"/> reads: the 8-byte
/// little-endian header length, the JSON header (padded with spaces to a multiple of 8, as the reference writer does),
/// then each tensor's raw C-order bytes in the order given, one tensor in host memory at a time.
/// </summary>
public static class SafetensorsWriter
{
    const int HeaderAlignment = 8;

    /// <param name="floatDType">Floating-point tensors are stored in this dtype (e.g. float16 checkpoints); null keeps every dtype.</param>
    public static void Write(Stream stream, IReadOnlyList<(string Name, Tensor Tensor)> tensors, IReadOnlyDictionary<string, string>? metadata = null,
        DType? floatDType = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(tensors);
        DType Stored(Tensor t) => floatDType is { } f && t.DType.IsFloatingPoint() ? f : t.DType;
        var header = Header(tensors, Stored, metadata);
        int padded = (header.Length + HeaderAlignment - 1) / HeaderAlignment * HeaderAlignment;
        Span<byte> length = stackalloc byte[8];
        BitConverter.TryWriteBytes(length, (ulong)padded);
        stream.Write(length);
        stream.Write(header);
        for (int i = header.Length; i < padded; i++) stream.WriteByte((byte)' ');
        foreach (var (_, tensor) in tensors)
        {
            using var scope = DisposeScope.Begin();
            stream.Write(tensor.To(Stored(tensor)).ToBytes());
        }
    }

    /// <summary>Writes a .safetensors file (not atomically; wrap in an atomic write where a kill must not leave half of it).</summary>
    public static void Write(string path, IReadOnlyList<(string Name, Tensor Tensor)> tensors, IReadOnlyDictionary<string, string>? metadata = null,
        DType? floatDType = null)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        Write(file, tensors, metadata, floatDType);
    }

    static byte[] Header(IReadOnlyList<(string Name, Tensor Tensor)> tensors, Func<Tensor, DType> stored, IReadOnlyDictionary<string, string>? metadata)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject("__metadata__");
                foreach (var (key, value) in metadata) json.WriteString(key, value);
                json.WriteEndObject();
            }
            long offset = 0;
            foreach (var (name, tensor) in tensors)
            {
                if (name == "__metadata__") throw new ArgumentException("'__metadata__' is reserved for the metadata", nameof(tensors));
                var dtype = stored(tensor);
                json.WriteStartObject(name);
                json.WriteString("dtype", dtype.SafetensorsName());
                json.WriteStartArray("shape");
                foreach (long d in tensor.Shape) json.WriteNumberValue(d);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset += tensor.NumElements * dtype.ElementSize());
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
