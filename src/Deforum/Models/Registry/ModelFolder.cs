namespace Deforum.Models.Registry;

/// <summary>The models_path folder: files that are either there (checked against their SHA-256) or downloaded once.</summary>
public sealed class ModelFolder(string path, Downloader downloader)
{
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary>
    /// The full path of <paramref name="model"/> in this folder. A file already there is checked against its SHA-256
    /// when one is given (mismatch → <see cref="ModelLoadException"/>, the file is left alone); a missing one is
    /// downloaded and verified before it appears. A missing file that cannot be downloaded (offline, a server error,
    /// a transfer cut half-way) says what it is, where it belongs, its URL and SHA-256; a partial download stays for
    /// the next try.
    /// </summary>
    public async Task<string> EnsureAsync(ModelFile model, IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        var file = System.IO.Path.Combine(Path, model.FileName);
        if (!File.Exists(file))
        {
            if (model.DownloadUrl is null)
                throw new ModelLoadException(model.Missing(file, "it has no known download location", 0));
            try
            {
                await downloader.DownloadAsync(model.DownloadUrl, file, model.Sha256, progress, cancellationToken).ConfigureAwait(false);
            }
            catch (DownloadException e)
            {
                var part = file + Downloader.PartSuffix;
                throw new ModelLoadException(model.Missing(file, $"the download failed ({e.Message})", File.Exists(part) ? new FileInfo(part).Length : 0), e);
            }
            return file;
        }
        if (model.Sha256 is { } sha256)
        {
            var actual = await FileHash.Sha256Async(file, cancellationToken).ConfigureAwait(false);
            if (!FileHash.Matches(actual, sha256))
                throw new ModelLoadException(
                    $"'{file}' has SHA-256 {actual} but {model.FileName} should have {sha256}: the file is incomplete, damaged or a different " +
                    "model, so it was not loaded. Delete it to download it again, or load it anyway with check_sha256 off or as a custom path.");
        }
        return file;
    }

    /// <summary>
    /// The full path of the depth model <paramref name="known"/> in this folder, downloaded (and verified) when missing.
    /// A shorter file is an interrupted download (the notebook wrote straight to the final name): it is resumed from
    /// where it stops. A longer one is refused. A missing file that cannot be fetched says what it is, where it belongs,
    /// its URL and SHA-256, as <see cref="EnsureAsync(ModelFile, IProgress{DownloadProgress}?, CancellationToken)"/> does.
    /// A file of the right size is returned unread: its hash is checked in the pass that loads it (<see cref="KnownModelFile.Load"/>).
    /// </summary>
    public async Task<string> EnsureAsync(KnownModelFile known, IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(known);
        var file = System.IO.Path.Combine(Path, known.FileName);
        if (File.Exists(file))
        {
            long length = new FileInfo(file).Length;
            if (length == known.Bytes) return file;
            if (length > known.Bytes)
                throw new ModelLoadException(
                    $"'{file}' has {length} bytes but {known.FileName} has {known.Bytes}: it is a different file, so it was not loaded. " +
                    $"Move it away to download {known.FileName} again, or download it yourself from {known.DownloadUrl} into '{Path}'.");
            var part = file + Downloader.PartSuffix;
            if (!File.Exists(part) || new FileInfo(part).Length < length) File.Move(file, part, overwrite: true);
            else File.Delete(file);
        }
        return await EnsureAsync(known.AsModelFile, progress, cancellationToken).ConfigureAwait(false);
    }
}
