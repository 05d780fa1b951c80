using System.Text.Json;
using System.Text.Json.Serialization;

namespace EmoAug;

/// <summary>
/// The closed sets of choices (a network, an optimizer, a schedule, a protocol, a budget) are enums, read and written
/// as the lower-case, hyphenated names the command line and the JSON files always used ("paper-cnn", "macro-f1",
/// "subject-kfold"), so files written when they were strings still load.
/// </summary>
public static class ClosedSet
{
    /// <summary>The choice's name as the command line and the files spell it: its [JsonStringEnumMemberName] where it has
    /// one (a name that is one word, "cyclegan", for a member that reads as two), else the member's name in kebab case.</summary>
    public static string Name<T>(T value) where T : struct, Enum =>
        typeof(T).GetField(value.ToString())?.GetCustomAttributes(typeof(JsonStringEnumMemberNameAttribute), false)
            .Cast<JsonStringEnumMemberNameAttribute>().FirstOrDefault()?.Name
        ?? JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    /// <summary>Every choice's name, in declaration order.</summary>
    public static IReadOnlyList<string> Names<T>() where T : struct, Enum => Enum.GetValues<T>().Select(Name).ToList();

    /// <summary>The choice <paramref name="name"/> names (any case), or an error naming the option and its choices.</summary>
    public static T Parse<T>(string name, string option) where T : struct, Enum =>
        TryParse<T>(name) ?? throw new EmoAugException($"{option} {name}: unknown; choose {string.Join(", ", Names<T>())}");

    public static T? TryParse<T>(string name) where T : struct, Enum =>
        Enum.GetValues<T>().Cast<T?>().FirstOrDefault(v => Name(v!.Value).Equals(name.Trim(), StringComparison.OrdinalIgnoreCase));
}

/// <summary>Reads and writes an enum of <see cref="ClosedSet"/> by its name; an unknown name is a JSON error naming it.</summary>
public sealed class ClosedSetJson<T> : JsonConverter<T> where T : struct, Enum
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var name = reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new JsonException($"expected one of {string.Join(", ", ClosedSet.Names<T>())}");
        return ClosedSet.TryParse<T>(name) ?? throw new JsonException($"'{name}' is not one of {string.Join(", ", ClosedSet.Names<T>())}");
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(ClosedSet.Name(value));
}
