using System.Text.Json;
using System.Text.Json.Nodes;
using Deforum.Prompts;

namespace Deforum.Settings;

/// <summary>
/// Reads and writes the original's <c>{timestring}_settings.txt</c> (JSON, same snake_case keys, same key order:
/// DeforumArgs, then "prompts", then DeforumAnimArgs for animation modes). Port of the save/load code of the
/// deforum-stable-diffusion Run cell (json.dump(args, indent=4, ensure_ascii=False) / override_settings_with_file).
/// The 0.6 guidance keys, which the original writes among the other DeforumArgs, follow the Run-cell keys here, and an
/// animation's <c>ping_pong</c> (how its video plays, <see cref="VideoOutputSettings.PingPong"/>) follows its
/// DeforumAnimArgs; readers look keys up by name, so the position does not matter.
/// </summary>
public static class SettingsFile
{
    static readonly string[] TensorKeys = ["init_sample_raw", "mask_sample", "init_latent", "init_sample", "init_c"];
    const string PromptsKey = "prompts";
    const string NegativePromptsKey = "neg_prompts";
    /// <summary>The one create-video setting a settings file carries (after the animation's keys): how its video plays.</summary>
    const string PingPongKey = "ping_pong";

    /// <summary>Reads settings JSON onto <paramref name="onto"/> (defaults when null): keys present win, absent keys keep their value.</summary>
    /// <exception cref="SettingsException">Malformed JSON, or every value of the wrong type and every bad prompt key.</exception>
    public static LoadedSettings Read(string json, DeforumSettings? onto = null)
    {
        var current = onto ?? new DeforumSettings();
        var problems = new ProblemCollector();
        var notices = new List<SettingsNotice>();
        var known = SettingsJson.PropertiesOf<GenerationSettings>().Select(p => p.Name)
            .Concat(SettingsJson.PropertiesOf<GuidanceSettings>().Select(p => p.Name))
            .Concat(SettingsJson.PropertiesOf<AnimationSettings>().Select(p => p.Name))
            .Concat(TensorKeys).Append(PromptsKey).Append(NegativePromptsKey).Append(PingPongKey).ToHashSet(StringComparer.Ordinal);
        var file = LegacyKeys.Renamed(ParseObject(json), known, notices);

        var generation = SettingsRecordReader.Overlay(current.Generation, file, problems);
        var guidance = SettingsRecordReader.Overlay(current.Guidance, file, problems);
        var animation = SettingsRecordReader.Overlay(current.Animation, file, problems);
        var prompts = ReadPrompts(file, current.Prompts, animation.AnimationMode, problems);
        var video = ReadPingPong(file, current.Video, problems);

        var unknown = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (key, value) in file)
        {
            if (known.Contains(key)) continue;
            unknown[key] = JsonSerializer.SerializeToElement(value);
            notices.Add(new SettingsNotice(key, "unknown setting: kept unchanged and written back, but not used"));
        }
        // the keys the file's mode writes (an animation's DeforumAnimArgs too), as the original's settings file holds them
        var written = SettingsJson.PropertiesOf<GenerationSettings>().Concat(SettingsJson.PropertiesOf<GuidanceSettings>())
            .Concat(animation.AnimationMode == AnimationModes.None ? [] : SettingsJson.PropertiesOf<AnimationSettings>());
        var missing = written.Select(p => p.Name).Concat(animation.AnimationMode == AnimationModes.None ? [] : [PingPongKey])
            .Where(k => !file.ContainsKey(k)).ToList();
        if (missing.Count > 0)
            notices.Add(new SettingsNotice("settings file", $"{missing.Count} settings not in the file keep their {(onto is null ? "defaults" : "current values")}"));

        problems.ThrowIfAny();
        var settings = current with { Generation = generation, Guidance = guidance, Animation = animation, Prompts = prompts, Video = video };
        return new LoadedSettings(settings, unknown, notices) { MissingKeys = missing };
    }

    public static LoadedSettings Load(string path, DeforumSettings? onto = null)
    {
        if (!File.Exists(path))
            throw new SettingsException(new SettingProblem("custom_settings_file", null, path, "the settings file does not exist",
                "check the path, or turn override_settings_with_file off"));
        return Read(File.ReadAllText(path), onto);
    }

    /// <summary>The JSON text the original writes for these settings, plus <paramref name="unknownKeys"/> at the end.</summary>
    public static string Write(DeforumSettings settings, IReadOnlyDictionary<string, JsonElement>? unknownKeys = null)
    {
        var root = new JsonObject();
        foreach (var record in new object[] { settings.Generation, settings.Guidance })
            foreach (var (key, value) in JsonSerializer.SerializeToNode(record, SettingsJson.Options)!.AsObject())
                root[key] = value?.DeepClone();
        foreach (var key in TensorKeys) root[key] = null;
        bool animated = settings.Animation.AnimationMode != AnimationModes.None;
        root[PromptsKey] = animated
            ? PromptsJson.WriteFramePrompts(settings.Prompts.AnimationPrompts)
            : PromptsJson.WriteStillPrompts(settings.Prompts.StillPrompts);
        if (animated)
        {
            foreach (var (key, value) in JsonSerializer.SerializeToNode(settings.Animation, SettingsJson.Options)!.AsObject())
                root[key] = value?.DeepClone();
            root[PingPongKey] = settings.Video.PingPong;
        }
        if (settings.Prompts.NegativePrompts.Count > 0)
            root[NegativePromptsKey] = PromptsJson.WriteFramePrompts(settings.Prompts.NegativePrompts);
        foreach (var (key, value) in unknownKeys ?? new Dictionary<string, JsonElement>())
            root[key] = JsonNode.Parse(value.GetRawText());
        return root.ToJsonString(SettingsJson.Options);
    }

    /// <summary>
    /// The settings file's JSON with <paramref name="keys"/> set — a key the file has keeps its place, a new one goes at
    /// the end — and every other key and value as the file has them (the layout becomes the original's 4-space indent).
    /// </summary>
    /// <exception cref="SettingsException">The text is not a settings file, or a value in it has the wrong type.</exception>
    public static string Merge(string json, JsonObject keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var file = ParseObject(json);
        foreach (var (key, value) in keys) file[key] = value?.DeepClone();
        var merged = file.ToJsonString(SettingsJson.Options);
        Read(merged); // a wrong type anywhere in the file is reported now rather than by the run
        return merged;
    }

    /// <summary>Writes atomically: a run killed while saving leaves no half-written settings file.</summary>
    public static void Save(string path, DeforumSettings settings, IReadOnlyDictionary<string, JsonElement>? unknownKeys = null) =>
        Media.AtomicFile.WriteAllText(path, Write(settings, unknownKeys));

    static JsonObject ParseObject(string json)
    {
        try
        {
            var obj = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false }) as JsonObject
                ?? throw new SettingsException(new SettingProblem("settings file", 0, json.Length > 40 ? json[..40] : json,
                    "the file is not a JSON object", "the file must start with '{' and hold \"key\": value pairs"));
            var problems = new ProblemCollector();
            foreach (var (key, value) in obj) CheckText(key, value, problems);
            problems.ThrowIfAny();
            return obj;
        }
        catch (JsonException e)
        {
            throw new SettingsException(new SettingProblem("settings file", null,
                $"line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}", "the file is not valid JSON: " + e.Message,
                "fix the JSON syntax there (double-quoted keys and strings, no trailing commas, no comments)"));
        }
    }

    // JSON allows a lone surrogate escape ("\ud800"), which no .NET string can hold: reading it would throw deep inside.
    static void CheckText(string key, JsonNode? node, ProblemCollector problems)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (_, v) in o) CheckText(key, v, problems);
                break;
            case JsonArray a:
                foreach (var v in a) CheckText(key, v, problems);
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                try
                {
                    v.GetValue<string>();
                }
                catch (InvalidOperationException)
                {
                    problems.Add(key, null, "\\ud8xx", "the text holds a \\u escape of half a character (a lone UTF-16 surrogate)",
                        "remove that escape, or write the character itself (or both halves of its surrogate pair)");
                }
                break;
        }
    }

    static VideoOutputSettings ReadPingPong(JsonObject file, VideoOutputSettings current, ProblemCollector problems)
    {
        if (!file.TryGetPropertyValue(PingPongKey, out var value)) return current;
        if (value is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
            return current with { PingPong = v.GetValue<bool>() };
        problems.Add(PingPongKey, null, value?.ToJsonString() ?? "null", "expected true or false",
            $"write it like \"{PingPongKey}\": true (forward then backward) or false");
        return current;
    }

    static PromptSettings ReadPrompts(JsonObject file, PromptSettings current, string mode, ProblemCollector problems)
    {
        var result = current;
        if (file.TryGetPropertyValue(PromptsKey, out var prompts))
            result = mode == AnimationModes.None
                ? result with { StillPrompts = PromptsJson.ReadStillPrompts(prompts, problems) }
                : result with { AnimationPrompts = PromptsJson.ReadFramePrompts(prompts, PromptsKey, problems) };
        if (file.TryGetPropertyValue(NegativePromptsKey, out var negatives))
            result = result with { NegativePrompts = PromptsJson.ReadFramePrompts(negatives, NegativePromptsKey, problems) };
        return result;
    }
}
