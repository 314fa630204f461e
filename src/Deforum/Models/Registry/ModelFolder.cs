namespace Deforum.Models.Registry;

/// <summary>The models_path folder: files that are either there (checked against their SHA-256) or downloaded once.</summary>
public sealed class ModelFolder(string path, Downloader downloader)
{
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary>
    /// The full path of <paramref name="fileName"/> in this folder. A file already there is checked against
    /// <paramref name="sha256"/> when one is given (mismatch → <see cref="ModelLoadException"/>, the file is left
    /// alone); a missing one is downloaded from <paramref name="url"/> and verified before it appears.
    /// </summary>
    public async Task<string> EnsureAsync(string fileName, string? sha256, Uri? url,
        IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var file = System.IO.Path.Combine(Path, fileName);
        if (!File.Exists(file))
        {
            if (url is null)
                throw new ModelLoadException($"'{file}' does not exist and has no known download location: download it and place it there");
            await downloader.DownloadAsync(url, file, sha256, progress, cancellationToken).ConfigureAwait(false);
            return file;
        }
        if (sha256 is not null)
        {
            var actual = await FileHash.Sha256Async(file, cancellationToken).ConfigureAwait(false);
            if (!FileHash.Matches(actual, sha256))
                throw new ModelLoadException(
                    $"'{file}' has SHA-256 {actual} but {fileName} should have {sha256}: the file is incomplete, damaged or a different " +
                    "model, so it was not loaded. Delete it to download it again, or load it anyway with check_sha256 off or as a custom path.");
        }
        return file;
    }
}
