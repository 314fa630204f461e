using System.Text.Json;

namespace Deforum.Torch.Checkpoints;

/// <summary>
/// Writes tensors and string metadata in the safetensors format <see cref="SafetensorsFile"/> reads: the 8-byte
/// little-endian header length, the JSON header (padded with spaces to a multiple of 8, as the reference writer does),
/// then each tensor's raw C-order bytes in the order given.
/// </summary>
public static class SafetensorsWriter
{
    const int HeaderAlignment = 8;

    public static void Write(Stream stream, IReadOnlyList<(string Name, Tensor Tensor)> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(tensors);
        var data = tensors.Select(t => t.Tensor.ToBytes()).ToList();
        var header = Header(tensors, data, metadata);
        int padded = (header.Length + HeaderAlignment - 1) / HeaderAlignment * HeaderAlignment;
        Span<byte> length = stackalloc byte[8];
        BitConverter.TryWriteBytes(length, (ulong)padded);
        stream.Write(length);
        stream.Write(header);
        for (int i = header.Length; i < padded; i++) stream.WriteByte((byte)' ');
        foreach (var bytes in data) stream.Write(bytes);
    }

    static byte[] Header(IReadOnlyList<(string Name, Tensor Tensor)> tensors, List<byte[]> data, IReadOnlyDictionary<string, string>? metadata)
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
            for (int i = 0; i < tensors.Count; i++)
            {
                var (name, tensor) = tensors[i];
                if (name == "__metadata__") throw new ArgumentException("'__metadata__' is reserved for the metadata", nameof(tensors));
                json.WriteStartObject(name);
                json.WriteString("dtype", tensor.DType.SafetensorsName());
                json.WriteStartArray("shape");
                foreach (long d in tensor.Shape) json.WriteNumberValue(d);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset += data[i].Length);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
