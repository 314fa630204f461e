using System.Runtime.InteropServices;
using System.Text.Json;
using Deforum.Torch;

namespace Deforum.Models.Weights;

/// <summary>Writes tensors as a .safetensors file (JSON header padded to 8 bytes, then raw little-endian C-order data).</summary>
public static class SafetensorsWriter
{
    const int HeaderAlignment = 8;

    /// <summary>Floating-point tensors are stored as <paramref name="floatDType"/>; others keep their dtype.</summary>
    public static void Write(string path, IEnumerable<(string Key, Tensor Tensor)> tensors, DType floatDType)
    {
        var items = tensors.Select(t => (t.Key, t.Tensor, DType: t.Tensor.DType.IsFloatingPoint() ? floatDType : t.Tensor.DType)).ToList();
        var header = new Dictionary<string, object>(StringComparer.Ordinal);
        long offset = 0;
        foreach (var (key, tensor, dtype) in items)
        {
            long bytes = tensor.NumElements * dtype.ElementSize();
            header[key] = new { dtype = dtype.SafetensorsName(), shape = tensor.Shape, data_offsets = new[] { offset, offset + bytes } };
            offset += bytes;
        }
        var json = JsonSerializer.SerializeToUtf8Bytes(header);
        int padded = (json.Length + HeaderAlignment - 1) / HeaderAlignment * HeaderAlignment;

        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        file.Write(BitConverter.GetBytes((ulong)padded));
        file.Write(json);
        for (int i = json.Length; i < padded; i++) file.WriteByte((byte)' ');
        foreach (var (_, tensor, dtype) in items)
        {
            using var scope = DisposeScope.Begin();
            var host = tensor.To(Device.Cpu, dtype).Contiguous();
            file.Write(dtype switch
            {
                DType.Float32 => MemoryMarshal.AsBytes(host.AsSpan<float>()),
                DType.Float16 => MemoryMarshal.AsBytes(host.AsSpan<Half>()),
                DType.Float64 => MemoryMarshal.AsBytes(host.AsSpan<double>()),
                DType.Int64 => MemoryMarshal.AsBytes(host.AsSpan<long>()),
                _ => throw new NotSupportedException($"safetensors writing of {dtype} is not implemented"),
            });
        }
    }
}
