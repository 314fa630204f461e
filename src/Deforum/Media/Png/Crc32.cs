namespace Deforum.Media.Png;

/// <summary>The CRC-32 of ISO 3309 / ITU-T V.42 (reflected polynomial 0xEDB88320) that PNG chunks carry.</summary>
internal static class Crc32
{
    static readonly uint[] Table = BuildTable();

    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    /// <summary>Continues a CRC over more bytes: Append(Append(0, a), b) == Compute(a ++ b).</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        uint c = ~crc;
        var table = Table;
        foreach (byte b in data)
            c = table[(c ^ b) & 0xFF] ^ (c >> 8);
        return ~c;
    }

    static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }
}
