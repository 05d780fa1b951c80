namespace EmoAug.Data.Loading;

/// <summary>An image file found by a loader, with what its place or name says about it.</summary>
/// <param name="Path">Full path of the image.</param>
/// <param name="Length">File size in bytes (part of the cache key).</param>
/// <param name="LastWriteTicks">Modification time, UTC ticks (part of the cache key).</param>
/// <param name="ClassName">Canonical class name (<see cref="EmotionVocabulary.Canonical"/>), or the lower-cased folder
/// name for a class outside the vocabulary.</param>
/// <param name="Subject">The person, where the name says (JAFFE), else null.</param>
/// <param name="Split">The dataset's own split name, or "all".</param>
internal sealed record LabelledFile(string Path, long Length, long LastWriteTicks, string ClassName, string? Subject,
    string Split)
{
    public static LabelledFile From(FileInfo file, string className, string? subject, string split) =>
        new(file.FullName, file.Length, file.LastWriteTimeUtc.Ticks, className, subject, split);
}
