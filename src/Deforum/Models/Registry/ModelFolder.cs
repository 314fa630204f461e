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

    /// <summary>
    /// The full path of <paramref name="known"/> in this folder, downloaded (and verified) when missing. A shorter file
    /// is an interrupted download: it is resumed from where it stops. A longer one is refused. When the file cannot be
    /// fetched (offline, server error, wrong content), one message says which file, from where, and where to put it.
    /// The content's hash is checked when it loads (<see cref="KnownModelFile.Load"/>).
    /// </summary>
    public async Task<string> EnsureAsync(KnownModelFile known, IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(known);
        var file = System.IO.Path.Combine(Path, known.FileName);
        var part = file + Downloader.PartSuffix;
        if (File.Exists(file))
        {
            long length = new FileInfo(file).Length;
            if (length == known.Bytes) return file;
            if (length > known.Bytes)
                throw new ModelLoadException($"'{file}' has {length} bytes, but {known.FileName} has {known.Bytes}: it is another file. " +
                                             $"Move it away and run again to download {known.FileName}, or: {known.WhereToGet(Path)}");
            // a cut-off download under the final name (the notebook wrote straight to it): continue it
            if (!File.Exists(part) || new FileInfo(part).Length < length) File.Move(file, part, overwrite: true);
            else File.Delete(file);
        }
        try
        {
            await downloader.DownloadAsync(known.DownloadUrl, file, known.Sha256, progress, cancellationToken).ConfigureAwait(false);
            return file;
        }
        catch (DownloadException e)
        {
            var reason = e.InnerException is { } inner ? $"{e.Message} ({inner.Message})" : e.Message;
            throw new ModelLoadException($"{known.FileName} is not in '{Path}' and could not be downloaded: {reason}. {known.WhereToGet(Path)}", e);
        }
    }
}
