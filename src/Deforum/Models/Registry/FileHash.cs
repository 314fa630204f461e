using System.Security.Cryptography;

namespace Deforum.Models.Registry;

/// <summary>SHA-256 of files, streamed (the notebook read the whole multi-GB file into memory first).</summary>
public static class FileHash
{
    const int BufferBytes = 1 << 20;

    public static async Task<string> Sha256Async(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferBytes, FileOptions.SequentialScan | FileOptions.Asynchronous);
        var hash = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
        return Convert.ToHexStringLower(hash);
    }

    public static bool Matches(string actual, string expected) => string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase);
}
