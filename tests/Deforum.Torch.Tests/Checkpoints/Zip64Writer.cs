namespace Deforum.Torch.Tests.Checkpoints;

/// <summary>
/// Writes a stored zip in zip64 form (every size and offset in the zip64 extra fields, zip64 end records), the
/// layout torch.save produces for checkpoints over 4 GiB, without needing a 4 GiB file. CRCs are left zero.
/// </summary>
// Record layouts: PKWARE APPNOTE.TXT 4.3.7 (local header), 4.3.12 (central header), 4.3.14-16 (zip64 end records), 4.5.3 (zip64 extra).
internal static class Zip64Writer
{
    public static void Write(string path, IEnumerable<(string Name, byte[] Data)> entries)
    {
        using var w = new BinaryWriter(File.Create(path));
        var central = new List<(byte[] Name, long Size, long Offset)>();
        foreach (var (name, data) in entries)
        {
            var nameBytes = System.Text.Encoding.UTF8.GetBytes(name);
            central.Add((nameBytes, data.Length, w.BaseStream.Position));
            w.Write(0x04034b50u); w.Write((ushort)45); w.Write((ushort)0); w.Write((ushort)0); w.Write(0u); w.Write(0u);
            w.Write(uint.MaxValue); w.Write(uint.MaxValue); w.Write((ushort)nameBytes.Length); w.Write((ushort)20);
            w.Write(nameBytes);
            w.Write((ushort)1); w.Write((ushort)16); w.Write((long)data.Length); w.Write((long)data.Length);
            w.Write(data);
        }
        long dirOffset = w.BaseStream.Position;
        foreach (var (name, size, offset) in central)
        {
            w.Write(0x02014b50u); w.Write((ushort)45); w.Write((ushort)45); w.Write((ushort)0); w.Write((ushort)0); w.Write(0u); w.Write(0u);
            w.Write(uint.MaxValue); w.Write(uint.MaxValue); w.Write((ushort)name.Length); w.Write((ushort)28); w.Write((ushort)0);
            w.Write((ushort)0); w.Write((ushort)0); w.Write(0u); w.Write(uint.MaxValue);
            w.Write(name);
            w.Write((ushort)1); w.Write((ushort)24); w.Write(size); w.Write(size); w.Write(offset);
        }
        long dirSize = w.BaseStream.Position - dirOffset, end64 = w.BaseStream.Position;
        w.Write(0x06064b50u); w.Write(44L); w.Write((ushort)45); w.Write((ushort)45); w.Write(0u); w.Write(0u);
        w.Write((long)central.Count); w.Write((long)central.Count); w.Write(dirSize); w.Write(dirOffset);
        w.Write(0x07064b50u); w.Write(0u); w.Write(end64); w.Write(1u);
        w.Write(0x06054b50u); w.Write(ushort.MaxValue); w.Write(ushort.MaxValue); w.Write(ushort.MaxValue); w.Write(ushort.MaxValue);
        w.Write(uint.MaxValue); w.Write(uint.MaxValue); w.Write((ushort)0);
    }
}
