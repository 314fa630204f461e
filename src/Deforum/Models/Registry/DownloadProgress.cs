namespace Deforum.Models.Registry;

/// <summary>Bytes of <see cref="FileName"/> on disk so far (including a resumed part) out of the total when the server says.</summary>
public readonly record struct DownloadProgress(string FileName, long BytesReceived, long? TotalBytes)
{
    public double? Fraction => TotalBytes is > 0 and var total ? (double)BytesReceived / total : null;
}
