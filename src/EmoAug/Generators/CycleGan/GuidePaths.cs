using System.Text.Json;
using System.Text.Json.Serialization;

namespace EmoAug.Generators.CycleGan;

/// <summary>
/// JSON form of <see cref="CycleGanOptions.Guide"/>: one classifier path is written as a plain string, as checkpoints
/// and experiment settings made before several guides were possible hold it; several as an array. Reads either.
/// </summary>
public sealed class GuidePaths : JsonConverter<IReadOnlyList<string>>
{
    public override IReadOnlyList<string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String => [reader.GetString()!],
            _ => JsonSerializer.Deserialize<List<string>>(ref reader, options),
        };

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options)
    {
        if (value.Count == 1) writer.WriteStringValue(value[0]);
        else JsonSerializer.Serialize(writer, value.ToArray(), options);
    }
}
