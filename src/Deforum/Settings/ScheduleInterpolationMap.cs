using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Deforum.Settings;

/// <summary>
/// schedule_interpolation: keyframe_interpolation per schedule, e.g. <c>{"zoom": "Cubic"}</c> (in C#,
/// <c>new() { ["zoom"] = "Cubic" }</c>). Immutable once built and compared by content, so settings records stay
/// value-equal; written as a JSON object in key order.
/// </summary>
[JsonConverter(typeof(ScheduleInterpolationMapConverter))]
public sealed class ScheduleInterpolationMap : IReadOnlyDictionary<string, string>, IEquatable<ScheduleInterpolationMap>
{
    readonly SortedDictionary<string, string> _entries = new(StringComparer.Ordinal);

    public ScheduleInterpolationMap() { }

    public ScheduleInterpolationMap(IEnumerable<KeyValuePair<string, string>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var (schedule, interpolation) in entries) _entries[schedule] = interpolation;
    }

    public string this[string key]
    {
        get => _entries[key];
        init => _entries[key] = value;
    }

    public IEnumerable<string> Keys => _entries.Keys;
    public IEnumerable<string> Values => _entries.Values;
    public int Count => _entries.Count;
    public bool ContainsKey(string key) => _entries.ContainsKey(key);
    public bool TryGetValue(string key, out string value) => _entries.TryGetValue(key, out value!);
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _entries.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(ScheduleInterpolationMap? other) => other is not null && _entries.SequenceEqual(other._entries);
    public override bool Equals(object? obj) => Equals(obj as ScheduleInterpolationMap);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var (key, value) in _entries)
        {
            hash.Add(key);
            hash.Add(value);
        }
        return hash.ToHashCode();
    }

    public override string ToString() => "{" + string.Join(", ", _entries.Select(e => $"\"{e.Key}\": \"{e.Value}\"")) + "}";
}

/// <summary>A JSON object of text values; anything else is a type problem of the setting.</summary>
sealed class ScheduleInterpolationMapConverter : JsonConverter<ScheduleInterpolationMap>
{
    public override ScheduleInterpolationMap Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("expected an object");
        var entries = new List<KeyValuePair<string, string>>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var schedule = reader.GetString()!;
            reader.Read();
            if (reader.TokenType != JsonTokenType.String) throw new JsonException($"the value of \"{schedule}\" is not text");
            entries.Add(new(schedule, reader.GetString()!));
        }
        return new ScheduleInterpolationMap(entries);
    }

    public override void Write(Utf8JsonWriter writer, ScheduleInterpolationMap value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (schedule, interpolation) in value) writer.WriteString(schedule, interpolation);
        writer.WriteEndObject();
    }
}
