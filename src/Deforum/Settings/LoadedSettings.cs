using System.Text.Json;

namespace Deforum.Settings;

/// <summary>The result of reading a settings file: the settings, keys this version does not know (kept for writing back) and notices.</summary>
public sealed record LoadedSettings(
    DeforumSettings Settings,
    IReadOnlyDictionary<string, JsonElement> UnknownKeys,
    IReadOnlyList<SettingsNotice> Notices);
