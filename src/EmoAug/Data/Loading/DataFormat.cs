using System.Text.Json.Serialization;

namespace EmoAug.Data.Loading;

/// <summary>How a dataset is laid out on disk: one member per loader, and <see cref="Auto"/> for "detect it from the
/// path" (<see cref="FormatDetector"/>). Written as the command line's `--format` and the load cache always spelt them
/// ("fer2013-csv", "image-list", ...), so cache files and datasets' formats keep their names.</summary>
[JsonConverter(typeof(ClosedSetJson<DataFormat>))]
public enum DataFormat
{
    Auto,
    [JsonStringEnumMemberName("fer2013-csv")] Fer2013Csv,
    ImageList,
    Folders,
    Jaffe,
    Sfew,
    FileNames,
    Kdef,
}

public static class DataFormats
{
    /// <summary>The loaders' formats, every member but <see cref="DataFormat.Auto"/>.</summary>
    public static IReadOnlyList<DataFormat> Loaders { get; } = Enum.GetValues<DataFormat>().Where(f => f != DataFormat.Auto).ToList();

    /// <summary>The `--format` value <paramref name="name"/> names, or an error naming the option and its choices.</summary>
    public static DataFormat Parse(string name) => ClosedSet.Parse<DataFormat>(name, "--format");
}
