namespace Deforum.Models.Registry;

/// <summary>
/// A checkpoint the notebook knows by file name: the SHA-256 it checks, the yaml it is meant to run with, and where
/// it can be downloaded. <see cref="Aliases"/> are menu names that the notebook renamed to <see cref="FileName"/>.
/// </summary>
public sealed record KnownCheckpoint(
    string FileName,
    string Sha256,
    string DefaultConfig,
    Uri? DownloadUrl,
    bool RequiresLogin,
    IReadOnlyList<string> Aliases)
{
    public KnownCheckpoint(string fileName, string sha256, string defaultConfig, string? url, bool requiresLogin, params string[] aliases)
        : this(fileName, sha256, defaultConfig, url is null ? null : new Uri(url), requiresLogin, aliases) { }

    public bool IsNamed(string name) =>
        string.Equals(name, FileName, StringComparison.Ordinal) || Aliases.Contains(name, StringComparer.Ordinal);
}
