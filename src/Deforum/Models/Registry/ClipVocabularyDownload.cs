using Deforum.Models.Clip;

namespace Deforum.Models.Registry;

/// <summary>
/// Where the tokenizer's vocabulary comes from: <see cref="ClipVocabulary.FileName"/> in models_path, otherwise
/// downloaded there once from the openai/CLIP repository and checked against <see cref="ClipVocabulary.Sha256"/>.
/// </summary>
public static class ClipVocabularyDownload
{
    public static Uri DownloadUrl { get; } = new("https://github.com/openai/CLIP/raw/main/clip/bpe_simple_vocab_16e6.txt.gz");

    /// <param name="downloadUrl">Another location of the same file (a mirror); the SHA-256 check still applies.</param>
    public static Task<string> LocateAsync(ModelFolder folder, IProgress<DownloadProgress>? progress = null,
        Uri? downloadUrl = null, CancellationToken cancellationToken = default) =>
        folder.EnsureAsync(new ModelFile(ClipVocabulary.FileName, "CLIP vocabulary", ClipVocabulary.Sha256, downloadUrl ?? DownloadUrl), progress, cancellationToken);
}
