namespace EmoAug.Data;

/// <summary>Where one image of a dataset came from.</summary>
/// <param name="Source">The image's path, or "file:line" for a row of a CSV file.</param>
/// <param name="Subject">The person photographed, where the dataset says (JAFFE), else null.</param>
/// <param name="Split">The dataset's own split name ("Training", "PublicTest", "train", "val", ...), or "all".</param>
public sealed record FaceSample(string Source, string? Subject, string Split);
