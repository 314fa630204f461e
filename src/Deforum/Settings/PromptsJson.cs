using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Deforum.Prompts;

namespace Deforum.Settings;

/// <summary>
/// The settings file's "prompts" (and 0.7.1 "neg_prompts") objects. JSON object keys are always strings; frame
/// keys are converted to integers here, which fixes the original's bug of giving every frame the first prompt.
/// </summary>
static class PromptsJson
{
    public static OrderedDictionary<int, string> ReadFramePrompts(JsonNode? node, string setting, ProblemCollector problems)
    {
        var result = new OrderedDictionary<int, string>();
        if (node is not JsonObject obj)
        {
            problems.Add(setting, null, node?.ToJsonString() ?? "null", "expected an object of frame → prompt",
                $"write it like \"{setting}\": {{\"0\": \"a cat\", \"20\": \"a dog\"}}");
            return result;
        }
        foreach (var (key, value) in obj)
        {
            if (!int.TryParse(key.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int frame))
            {
                problems.Add(setting, null, key, $"the key '{key}' is not a frame number",
                    "use whole, non-negative frame numbers as keys, e.g. \"0\": \"a cat\"");
                continue;
            }
            if (value is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
            {
                problems.Add(setting, null, value?.ToJsonString() ?? "null", $"the prompt of frame {frame} is not text",
                    $"write the prompt in double quotes, e.g. \"{frame}\": \"a cat\"");
                continue;
            }
            if (!result.TryAdd(frame, v.GetValue<string>()))
                problems.Add(setting, null, key, $"frame {frame} appears twice (e.g. \"1\" and \"01\")", "keep one prompt per frame");
        }
        return result;
    }

    /// <summary>Batch-mode files store {prompt text: "00000"-style index}; the texts are the prompts, in file order.</summary>
    public static List<string> ReadStillPrompts(JsonNode? node, ProblemCollector problems)
    {
        if (node is JsonObject obj) return [.. obj.Select(p => p.Key)];
        problems.Add("prompts", null, node?.ToJsonString() ?? "null", "expected an object of prompt → index",
            "write it like \"prompts\": {\"a cat\": \"00000\"}");
        return [];
    }

    public static JsonObject WriteFramePrompts(OrderedDictionary<int, string> prompts) =>
        new(prompts.Select(p => KeyValuePair.Create(p.Key.ToString(CultureInfo.InvariantCulture), (JsonNode?)JsonValue.Create(p.Value))));

    public static JsonObject WriteStillPrompts(IReadOnlyList<string> prompts)
    {
        var obj = new JsonObject();
        for (int i = 0; i < prompts.Count; i++)
            obj[prompts[i]] = i.ToString("D5", CultureInfo.InvariantCulture);
        return obj;
    }
}
