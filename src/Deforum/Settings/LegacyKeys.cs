using System.Text.Json.Nodes;

namespace Deforum.Settings;

/// <summary>
/// 0.7.1 renamed 0.7's <c>hybrid_video_*</c> settings to <c>hybrid_*</c>. Files of both versions load; the newer
/// name is the only one written, so a file saved here reads the same in 0.7.1 and here whatever it came from.
/// </summary>
static class LegacyKeys
{
    const string OldPrefix = "hybrid_video_";
    const string NewPrefix = "hybrid_";

    /// <summary>The file with every 0.7 hybrid key under its 0.7.1 name; when both spellings are present the 0.7.1 one wins.</summary>
    public static JsonObject Renamed(JsonObject file, ICollection<string> knownKeys, List<SettingsNotice> notices)
    {
        var result = new JsonObject();
        foreach (var (key, value) in file)
        {
            var newKey = key.StartsWith(OldPrefix, StringComparison.Ordinal) ? NewPrefix + key[OldPrefix.Length..] : key;
            // A hybrid_video_ key that has no 0.7.1 counterpart stays an unknown key under its own name.
            if (!knownKeys.Contains(newKey)) newKey = key;
            if (newKey != key && file.ContainsKey(newKey))
            {
                notices.Add(new SettingsNotice(key, $"ignored: the file also has {newKey}, its 0.7.1 name, which is used"));
                continue;
            }
            result[newKey] = value?.DeepClone();
        }
        return result;
    }
}
