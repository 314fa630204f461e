using System.Text.Json;

namespace Deforum.Settings;

/// <summary>
/// The result of reading a settings file: the settings, keys this version does not know (kept for writing back),
/// notices, and the settings the file did not have (they kept the value they had, the defaults when read alone).
/// </summary>
public sealed record LoadedSettings(
    DeforumSettings Settings,
    IReadOnlyDictionary<string, JsonElement> UnknownKeys,
    IReadOnlyList<SettingsNotice> Notices)
{
    public IReadOnlyList<string> MissingKeys { get; init; } = [];
}
