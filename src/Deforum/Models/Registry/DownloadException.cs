namespace Deforum.Models.Registry;

/// <summary>A download failed: HTTP error, interrupted transfer (the .part file is kept for resuming) or wrong checksum.</summary>
public sealed class DownloadException : Exception
{
    public DownloadException(string message) : base(message) { }
    public DownloadException(string message, Exception inner) : base(message, inner) { }
}
