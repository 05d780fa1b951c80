using System.Text.RegularExpressions;

namespace EmoAug.Data.Loading;

/// <summary>
/// JAFFE: one flat folder of images named subject.expression-number.index.ext, e.g. <c>KA.AN1.39.tiff</c>: subject
/// KA, class AN (angry). Expression codes AN DI FE HA NE SA SU map through the vocabulary's synonyms.
/// </summary>
internal static partial class JaffeLoader
{
    public const string Name = "jaffe";

    [GeneratedRegex(@"^(?<subject>[A-Za-z]{2,})\.(?<code>[A-Za-z]{2})\d*\.\d+\.[A-Za-z]+$")]
    internal static partial Regex FileName();

    public static LoadPlan Plan(string root, LoadOptions options, ProblemSink sink)
    {
        var rootDir = new DirectoryInfo(root);
        var excludeSet = ExclusionList.Read(options.ExcludeList, rootDir.FullName);
        var files = new List<LabelledFile>();
        int excluded = 0;
        var images = rootDir.EnumerateFiles("*", new EnumerationOptions { AttributesToSkip = FileAttributes.Hidden })
            .Where(f => FaceImageReader.IsImageFile(f.Name)).OrderBy(f => f.Name, StringComparer.Ordinal);
        foreach (var file in images)
        {
            if (excludeSet.Contains(file.FullName)) { excluded++; continue; }
            var match = FileName().Match(file.Name);
            if (!match.Success)
            {
                sink.Report(file.FullName, "unrecognised-name",
                    "not a JAFFE file name (expected subject.expression.index, e.g. KA.AN1.39.tiff)");
                continue;
            }
            var className = EmotionVocabulary.Canonical(match.Groups["code"].Value);
            if (className == null)
            {
                sink.Report(file.FullName, "unknown-emotion",
                    $"unknown JAFFE expression code '{match.Groups["code"].Value}' (expected AN DI FE HA NE SA SU)");
                continue;
            }
            files.Add(LabelledFile.From(file, className, match.Groups["subject"].Value.ToUpperInvariant(), "all"));
        }
        if (files.Count == 0)
            throw new EmoAugException($"{root}: no JAFFE images found (expected names such as KA.AN1.39.tiff)");
        var notes = excluded > 0 ? new List<string> { $"{excluded} images left out as listed in {options.ExcludeList}" } : [];
        var classes = EmotionVocabulary.ClassListFor(files.Select(f => f.ClassName));
        return new LoadPlan(Name, rootDir.FullName, files.Select(f => (f.Path, f.Length, f.LastWriteTicks)).ToList(),
            notes, excluded, decodeSink => ImageListDecoder.Decode(files, options.Size, decodeSink, classes));
    }
}
