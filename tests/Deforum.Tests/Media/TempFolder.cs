using Xunit;
namespace Deforum.Tests.Media;

/// <summary>A fresh folder under the system temp directory, deleted with everything in it at the end of a test.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "deforum-media-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Every entry (hidden temporaries included) below the folder, as relative paths.</summary>
    public string[] Entries(string sub = "") =>
        Directory.GetFileSystemEntries(System.IO.Path.Combine(Path, sub), "*", SearchOption.AllDirectories)
            .Select(e => System.IO.Path.GetRelativePath(Path, e)).Order(StringComparer.Ordinal).ToArray();

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Leftovers in the temp folder do not affect other tests (each uses its own folder).
        }
    }
}
