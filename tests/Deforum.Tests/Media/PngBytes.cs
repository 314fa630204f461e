using Xunit;
using System.Buffers.Binary;

namespace Deforum.Tests.Media;

/// <summary>Surgery on PNG files for the corruption tests, with an independent bit-by-bit CRC-32.</summary>
public static class PngBytes
{
    /// <summary>Byte offset of the first chunk of this type (its length field).</summary>
    public static int FindChunk(byte[] png, string type)
    {
        for (int at = 8; at + 8 <= png.Length;)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            if (System.Text.Encoding.ASCII.GetString(png, at + 4, 4) == type) return at;
            at += 12 + length;
        }
        throw new InvalidOperationException($"no {type} chunk");
    }

    /// <summary>A minimal PNG (IHDR, one IDAT of the given filtered scanlines, IEND) built outside the encoder under test.</summary>
    public static byte[] Build(int width, int height, byte bitDepth, byte colorType, byte[] scanlines)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = bitDepth;
        ihdr[9] = colorType;
        using var compressed = new MemoryStream();
        using (var z = new System.IO.Compression.ZLibStream(compressed, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
            z.Write(scanlines);
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        foreach (var (type, data) in new[] { ("IHDR", ihdr), ("IDAT", compressed.ToArray()), ("IEND", Array.Empty<byte>()) })
        {
            var chunk = new byte[12 + data.Length];
            BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
            System.Text.Encoding.ASCII.GetBytes(type, chunk.AsSpan(4));
            data.CopyTo(chunk, 8);
            FixCrc(chunk, 0);
            png.Write(chunk);
        }
        return png.ToArray();
    }

    /// <summary>Recomputes the CRC of the chunk at <paramref name="at"/> after its data was edited.</summary>
    public static void FixCrc(byte[] png, int at)
    {
        int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(at + 8 + length), Crc(png.AsSpan(at + 4, 4 + length)));
    }

    static uint Crc(ReadOnlySpan<byte> data)
    {
        uint c = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            c ^= b;
            for (int k = 0; k < 8; k++) c = (c >> 1) ^ (0xEDB88320 & (uint)-(int)(c & 1));
        }
        return ~c;
    }
}
