using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Deforum.Settings;

/// <summary>JSON options matching the original's json.dumps(indent=4, ensure_ascii=False), and type descriptions for errors.</summary>
static class SettingsJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        IndentSize = 4,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        // null for a non-nullable setting must be a reported problem, not a null that crashes validation later.
        RespectNullableAnnotations = true,
    };

    public static IReadOnlyList<JsonPropertyInfo> PropertiesOf<T>() => [.. Options.GetTypeInfo(typeof(T)).Properties];

    public static string Describe(Type type) =>
        (Nullable.GetUnderlyingType(type) ?? type) switch
        {
            var t when t == typeof(int) || t == typeof(long) => "a whole number",
            var t when t == typeof(double) => Nullable.GetUnderlyingType(type) is null ? "a number" : "a number or null",
            var t when t == typeof(bool) => "true or false",
            var t when t == typeof(ScheduleInterpolationMap) => "an object of schedule names and interpolations, e.g. {\"zoom\": \"Cubic\"}",
            _ => "text in double quotes",
        };
}
