namespace Deforum.Models.Registry;

/// <summary>
/// OpenAI CLIP's BPE vocabulary, which the tokenizer needs: taken from models_path, otherwise downloaded there once
/// from the CLIP repository and checked against its SHA-256.
/// </summary>
public static class ClipVocabulary
{
    public const string FileName = "bpe_simple_vocab_16e6.txt.gz";
    public const string Sha256 = "924691ac288e54409236115652ad4aa250f48203de50a9e4722a6ecd48d6804a";
    public static Uri DownloadUrl { get; } = new("https://github.com/openai/CLIP/raw/main/clip/bpe_simple_vocab_16e6.txt.gz");

    /// <param name="downloadUrl">Another location of the same file (a mirror); the SHA-256 check still applies.</param>
    public static Task<string> LocateAsync(ModelFolder folder, IProgress<DownloadProgress>? progress = null,
        Uri? downloadUrl = null, CancellationToken cancellationToken = default) =>
        folder.EnsureAsync(FileName, Sha256, downloadUrl ?? DownloadUrl, progress, cancellationToken);
}
