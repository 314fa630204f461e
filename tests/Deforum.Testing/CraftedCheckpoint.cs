using System.IO.Compression;

namespace Deforum.Testing;

/// <summary>A torch.save-shaped zip (archive/data.pkl + archive/data/&lt;key&gt;) written to a temp file and deleted on Dispose.</summary>
public sealed class CraftedCheckpoint : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"crafted-{Guid.NewGuid():N}.ckpt");

    public CraftedCheckpoint(byte[] pickle, IReadOnlyDictionary<string, byte[]>? storages = null, bool deflateStorages = false)
    {
        using var zip = new ZipArchive(File.Create(Path), ZipArchiveMode.Create);
        Add(zip, "archive/data.pkl", pickle, CompressionLevel.NoCompression);
        foreach (var (key, bytes) in storages ?? new Dictionary<string, byte[]>())
            Add(zip, $"archive/data/{key}", bytes, deflateStorages ? CompressionLevel.Optimal : CompressionLevel.NoCompression);
        Add(zip, "archive/version", "3\n"u8.ToArray(), CompressionLevel.NoCompression);
    }

    static void Add(ZipArchive zip, string name, byte[] bytes, CompressionLevel level)
    {
        using var s = zip.CreateEntry(name, level).Open();
        s.Write(bytes);
    }

    public void Dispose() => File.Delete(Path);
}
