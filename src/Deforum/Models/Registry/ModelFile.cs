namespace Deforum.Models.Registry;

/// <summary>
/// A file the model-load cell needs in models_path: what it is (for messages: "checkpoint", "CLIP vocabulary",
/// "depth model"), its name, the SHA-256 it must have (null: not checked) and where it is downloaded from (null: the
/// user must place it).
/// </summary>
public sealed record ModelFile(string FileName, string What, string? Sha256, Uri? DownloadUrl)
{
    /// <summary>What is missing and how to get it: the name, the place it is expected, the URL and the SHA-256.</summary>
    public string Missing(string expectedPath, string why, long partialBytes)
    {
        var lines = new List<string> { $"the {What} {FileName} is missing: {why}", $"  expected at: {expectedPath}" };
        if (DownloadUrl is not null) lines.Add($"  download:    {DownloadUrl}");
        if (Sha256 is not null) lines.Add($"  sha256:      {Sha256}");
        if (partialBytes > 0)
            lines.Add($"  {partialBytes} bytes of it are already downloaded (kept in {expectedPath}{Downloader.PartSuffix}); running again continues from there");
        lines.Add(DownloadUrl is null
            ? "  fix: put the file at that place"
            : $"  fix: run again when {DownloadUrl.Host} can be reached, or download it yourself to that place{(Sha256 is null ? "" : " (its SHA-256 must match)")}");
        return string.Join(Environment.NewLine, lines);
    }
}
