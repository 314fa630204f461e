using System.Buffers.Binary;
using System.IO.Compression;

namespace Deforum.Torch.Checkpoints;

/// <summary>One file of a zip archive: where its stored bytes lie in the archive and how they are encoded.</summary>
internal sealed record ZipEntry(string Name, ushort Method, long DataOffset, long CompressedSize, long Size)
{
    public const ushort Stored = 0;
    public const ushort Deflated = 8;
}

/// <summary>
/// The central directory of a zip archive read from a memory mapping, with each entry's data offset
/// resolved through its local header so stored entries can be used in place.
/// </summary>
// Zip layout and zip64 extensions: PKWARE APPNOTE.TXT, sections 4.3 and 4.5.3.
internal static unsafe class ZipDirectory
{
    const uint EndOfCentralDirectorySignature = 0x06054b50;
    const uint Zip64LocatorSignature = 0x07064b50;
    const uint Zip64EndSignature = 0x06064b50;
    const uint CentralHeaderSignature = 0x02014b50;
    const uint LocalHeaderSignature = 0x04034b50;
    const int EndOfCentralDirectoryLength = 22;
    const int Zip64LocatorLength = 20;
    const int Zip64EndLength = 56;
    const int CentralHeaderLength = 46;
    const int LocalHeaderLength = 30;
    const ushort Zip64ExtraId = 0x0001;
    // Deflate cannot expand data by more than about 1032:1; a larger claimed size is a zip bomb or corruption.
    const long MaxDeflateRatio = 1032;

    public static List<ZipEntry> Read(string path, byte* file, long length)
    {
        var eocd = FindEndOfCentralDirectory(path, file, length);
        long count = U16(file, eocd + 10);
        long dirSize = U32(file, eocd + 12);
        long dirOffset = U32(file, eocd + 16);
        if (count == 0xFFFF || dirSize == 0xFFFFFFFF || dirOffset == 0xFFFFFFFF)
            (count, dirSize, dirOffset) = ReadZip64End(path, file, length, eocd);

        if (dirOffset < 0 || dirSize < 0 || dirOffset + dirSize > eocd)
            throw Truncated(path, $"its central directory ({dirSize} bytes at {dirOffset}) lies outside the file");
        // Every central header takes at least 46 bytes, which bounds a forged entry count.
        if (count > dirSize / CentralHeaderLength)
            throw new CheckpointFormatException($"'{path}' is not a valid zip archive: {count} entries cannot fit in a {dirSize}-byte central directory");

        var entries = new List<ZipEntry>((int)Math.Min(count, 1 << 16));
        long p = dirOffset, end = dirOffset + dirSize;
        for (long i = 0; i < count; i++)
        {
            if (p + CentralHeaderLength > end || U32(file, p) != CentralHeaderSignature)
                throw new CheckpointFormatException($"'{path}' is not a valid zip archive: central directory entry {i} at offset {p} is damaged");
            ushort flags = U16(file, p + 8), method = U16(file, p + 10);
            long compressed = U32(file, p + 20), size = U32(file, p + 24), local = U32(file, p + 42);
            int nameLength = U16(file, p + 28), extraLength = U16(file, p + 30), commentLength = U16(file, p + 32);
            long next = p + CentralHeaderLength + nameLength + extraLength + commentLength;
            if (next > end)
                throw new CheckpointFormatException($"'{path}' is not a valid zip archive: central directory entry {i} overruns the directory");
            var name = System.Text.Encoding.UTF8.GetString(new ReadOnlySpan<byte>(file + p + CentralHeaderLength, nameLength));
            ApplyZip64Extra(new ReadOnlySpan<byte>(file + p + CentralHeaderLength + nameLength, extraLength), ref size, ref compressed, ref local);

            if ((flags & 1) != 0)
                throw new CheckpointFormatException($"'{path}': zip entry '{name}' is encrypted");
            if (method is not (ZipEntry.Stored or ZipEntry.Deflated))
                throw new CheckpointFormatException($"'{path}': zip entry '{name}' uses compression method {method}; only stored (0) and deflate (8) are supported");
            if (method == ZipEntry.Stored && size != compressed)
                throw new CheckpointFormatException($"'{path}': stored zip entry '{name}' records {compressed} bytes in the file but a size of {size}; the archive is corrupt");
            entries.Add(new ZipEntry(name, method, DataOffset(path, file, length, name, local, compressed), compressed, size));
            p = next;
        }
        return entries;
    }

    /// <summary>Inflates one deflated entry into a pinned array, so its address stays fixed like mapped data.</summary>
    public static byte[] Inflate(string path, byte* file, ZipEntry entry)
    {
        if (entry.Size > Array.MaxLength || entry.Size > entry.CompressedSize * MaxDeflateRatio + 64)
            throw new CheckpointFormatException(
                $"'{path}': zip entry '{entry.Name}' claims to inflate {entry.CompressedSize} bytes to {entry.Size}, which deflate cannot produce");
        var result = GC.AllocateUninitializedArray<byte>((int)entry.Size, pinned: true);
        using var raw = new UnmanagedMemoryStream(file + entry.DataOffset, entry.CompressedSize);
        using var inflater = new DeflateStream(raw, CompressionMode.Decompress);
        try
        {
            inflater.ReadExactly(result);
            if (inflater.ReadByte() >= 0)
                throw new CheckpointFormatException($"'{path}': zip entry '{entry.Name}' inflates to more than its recorded {entry.Size} bytes");
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            throw new CheckpointFormatException($"'{path}': zip entry '{entry.Name}' is corrupt ({e.Message})", e);
        }
        return result;
    }

    static long FindEndOfCentralDirectory(string path, byte* file, long length)
    {
        if (length < EndOfCentralDirectoryLength)
            throw Truncated(path, $"only {length} bytes");
        // The record sits at the very end unless followed by an archive comment of at most 65535 bytes.
        long lowest = Math.Max(0, length - EndOfCentralDirectoryLength - ushort.MaxValue);
        for (long p = length - EndOfCentralDirectoryLength; p >= lowest; p--)
            if (U32(file, p) == EndOfCentralDirectorySignature && p + EndOfCentralDirectoryLength + U16(file, p + 20) == length)
                return p;
        throw Truncated(path, "no end-of-central-directory record");
    }

    static (long Count, long DirSize, long DirOffset) ReadZip64End(string path, byte* file, long length, long eocd)
    {
        long locator = eocd - Zip64LocatorLength;
        if (locator < 0 || U32(file, locator) != Zip64LocatorSignature)
            throw Truncated(path, "its zip64 locator is missing");
        long end64 = (long)U64(file, locator + 8);
        if (end64 < 0 || end64 + Zip64EndLength > locator || U32(file, end64) != Zip64EndSignature)
            throw Truncated(path, "its zip64 end-of-central-directory record is missing");
        return ((long)U64(file, end64 + 32), (long)U64(file, end64 + 40), (long)U64(file, end64 + 48));
    }

    // The zip64 extra field lists, in this order, only the 64-bit values whose 32-bit fields are saturated.
    static void ApplyZip64Extra(ReadOnlySpan<byte> extra, ref long size, ref long compressed, ref long local)
    {
        while (extra.Length >= 4)
        {
            ushort id = BinaryPrimitives.ReadUInt16LittleEndian(extra);
            int len = Math.Min(BinaryPrimitives.ReadUInt16LittleEndian(extra[2..]), extra.Length - 4);
            var body = extra.Slice(4, len);
            extra = extra[(4 + len)..];
            if (id != Zip64ExtraId) continue;
            if (size == 0xFFFFFFFF && body.Length >= 8) { size = (long)BinaryPrimitives.ReadUInt64LittleEndian(body); body = body[8..]; }
            if (compressed == 0xFFFFFFFF && body.Length >= 8) { compressed = (long)BinaryPrimitives.ReadUInt64LittleEndian(body); body = body[8..]; }
            if (local == 0xFFFFFFFF && body.Length >= 8) local = (long)BinaryPrimitives.ReadUInt64LittleEndian(body);
        }
    }

    // The local header repeats name and extra with lengths that may differ from the central copy (torch pads
    // the local extra field to align data), so the data offset must come from the local header itself.
    static long DataOffset(string path, byte* file, long length, string name, long local, long compressed)
    {
        if (local < 0 || local + LocalHeaderLength > length || U32(file, local) != LocalHeaderSignature)
            throw Truncated(path, $"the local header of '{name}' at offset {local} is missing");
        long data = local + LocalHeaderLength + U16(file, local + 26) + U16(file, local + 28);
        if (compressed < 0 || data + compressed > length)
            throw Truncated(path, $"'{name}' needs {compressed} bytes at offset {data} but the file has {length}");
        return data;
    }

    static CheckpointFormatException Truncated(string path, string detail) =>
        new($"'{path}' is not a valid zip archive or is truncated: {detail}");

    static ushort U16(byte* file, long at) => BinaryPrimitives.ReadUInt16LittleEndian(new ReadOnlySpan<byte>(file + at, 2));
    static uint U32(byte* file, long at) => BinaryPrimitives.ReadUInt32LittleEndian(new ReadOnlySpan<byte>(file + at, 4));
    static ulong U64(byte* file, long at) => BinaryPrimitives.ReadUInt64LittleEndian(new ReadOnlySpan<byte>(file + at, 8));
}
