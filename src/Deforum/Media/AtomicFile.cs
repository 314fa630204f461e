using System.Security.Cryptography;
using System.Text;

namespace Deforum.Media;

/// <summary>
/// Writes a file under a temporary name in the destination folder and renames it into place, so an
/// interrupted write (crash, kill, full disk) never leaves a half-written frame or settings file behind.
/// </summary>
public static class AtomicFile
{
    const string TempSuffix = ".tmp";

    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        string temp = ReserveTempPath(path);
        try
        {
            using (var stream = new FileStream(temp, FileMode.Truncate, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                // Durable before the rename: otherwise a power loss can leave a renamed but empty file.
                stream.Flush(flushToDisk: true);
            }
            Commit(temp, path);
        }
        catch (IOException e)
        {
            // a full disk, a quota, a vanished mount: the destination keeps what it had
            DeleteQuietly(temp);
            throw new IOException($"cannot write '{path}': {e.Message}. Nothing was left half-written; " +
                "free space on that disk or choose another output folder, then resume the run.", e);
        }
        catch
        {
            DeleteQuietly(temp);
            throw;
        }
    }

    public static void WriteAllBytes(string path, ReadOnlyMemory<byte> bytes) => Write(path, s => s.Write(bytes.Span));

    /// <summary>UTF-8 without a byte-order mark, like Python's <c>open(..., "w", encoding="utf-8")</c>.</summary>
    public static void WriteAllText(string path, string text) => WriteAllBytes(path, new UTF8Encoding(false).GetBytes(text));

    /// <summary>
    /// Creates the destination folder if needed and an empty, uniquely named temporary file beside
    /// <paramref name="path"/>, proving the folder is writable before any expensive work starts.
    /// </summary>
    internal static string ReserveTempPath(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full) ?? throw new ArgumentException($"'{path}' has no parent folder", nameof(path));
        string temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}{TempSuffix}");
        OutputFolder.Create(folder, full);
        try
        {
            using (new FileStream(temp, FileMode.CreateNew, FileAccess.Write)) { }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw OutputFolder.NotWritable(folder, full, e);
        }
        return temp;
    }

    /// <summary>Moves a finished temporary file over the destination (replacing an older file of that name).</summary>
    internal static void Commit(string tempPath, string path) => File.Move(tempPath, Path.GetFullPath(path), overwrite: true);

    internal static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the caller is already reporting the failure that made this file useless.
        }
    }
}
