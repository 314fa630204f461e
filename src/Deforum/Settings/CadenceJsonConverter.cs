using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Deforum.Settings;

/// <summary>Reads diffusion_cadence written as the notebook's string ("3") or as a number; writes the string form.</summary>
sealed class CadenceJsonConverter : JsonConverter<int>
{
    public override int Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int n)) return n;
        if (reader.TokenType == JsonTokenType.String
            && int.TryParse(reader.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out int s)) return s;
        throw new JsonException("expected a whole number from '1' to '8'");
    }

    public override void Write(Utf8JsonWriter writer, int value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
}
