namespace Deforum.Media.Png;

/// <summary>The PNG signature and the chunk type codes this codec reads or writes (big-endian ASCII).</summary>
internal static class PngChunks
{
    public static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public const uint IHDR = 0x49484452;
    public const uint PLTE = 0x504C5445;
    public const uint IDAT = 0x49444154;
    public const uint IEND = 0x49454E44;
    public const uint tRNS = 0x74524E53;

    /// <summary>Critical chunks (upper-case first letter) must be understood; ancillary ones may be skipped.</summary>
    public static bool IsCritical(uint type) => (type & 0x20000000) == 0;
}
