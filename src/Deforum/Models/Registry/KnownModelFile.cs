namespace Deforum.Models.Registry;

/// <summary>A model file other than an SD checkpoint (a depth network): its name in models_path, size, SHA-256 and download location.</summary>
public sealed record KnownModelFile(string FileName, long Bytes, string Sha256, Uri DownloadUrl)
{
    public KnownModelFile(string fileName, long bytes, string sha256, string url) : this(fileName, bytes, sha256, new Uri(url)) { }
}
