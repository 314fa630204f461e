using System.Text.Json;
using System.Text.Json.Nodes;

namespace Deforum.Settings;

/// <summary>
/// Overlays the keys of a settings file onto one settings record (as override_settings_with_file does: present
/// keys win, absent keys keep their value), collecting a problem for every value of the wrong type.
/// </summary>
static class SettingsRecordReader
{
    public static T Overlay<T>(T current, JsonObject file, ProblemCollector problems) where T : class
    {
        var merged = JsonSerializer.SerializeToNode(current, SettingsJson.Options)!.AsObject();
        foreach (var property in SettingsJson.PropertiesOf<T>())
        {
            if (!file.TryGetPropertyValue(property.Name, out var value)) continue;
            var candidate = WholeNumberAsInteger(value, property.PropertyType);
            var trial = merged.DeepClone().AsObject();
            trial[property.Name] = candidate?.DeepClone();
            if (TryDeserialize<T>(trial) is null)
            {
                var example = merged[property.Name]?.ToJsonString() ?? "null";
                problems.Add(property.Name, null, value?.ToJsonString() ?? "null",
                    $"expected {SettingsJson.Describe(property.PropertyType)}",
                    $"write it like \"{property.Name}\": {example}");
                continue;
            }
            merged[property.Name] = candidate?.DeepClone();
        }
        return TryDeserialize<T>(merged) ?? current;
    }

    static T? TryDeserialize<T>(JsonObject node) where T : class
    {
        try
        {
            return node.Deserialize<T>(SettingsJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Colab number fields yield floats when a user types "512.0"; an integral float is a valid int.</summary>
    static JsonNode? WholeNumberAsInteger(JsonNode? value, Type type)
    {
        if (type != typeof(int) && type != typeof(long)) return value;
        if (value is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out double d)
            && d == Math.Floor(d) && Math.Abs(d) < 9e15)
            return JsonValue.Create((long)d);
        return value;
    }
}
