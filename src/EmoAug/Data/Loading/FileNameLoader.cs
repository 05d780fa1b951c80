using System.Text.RegularExpressions;

namespace EmoAug.Data.Loading;

/// <summary>
/// A flat folder whose file names say the class in a word: RaFD's <c>Rafd090_01_Caucasian_female_angry_frontal.jpg</c>,
/// or <c>happy_0001.png</c>, <c>0001-sad.jpg</c>, <c>faceSurprised3.png</c>. A name is cut into words at every
/// character that is not a letter and where a lower-case letter meets an upper-case one; the word of three or more
/// letters that names an emotion (any synonym of <see cref="EmotionVocabulary"/>) is the class. Two-letter codes are
/// not read (JAFFE's "AN" has its own loader), so "an" or "sa" in a name never labels it.
/// </summary>
internal static partial class FileNameLoader
{

    [GeneratedRegex(@"[^A-Za-z]+|(?<=[a-z])(?=[A-Z])")]
    private static partial Regex WordBreak();

    /// <summary>The distinct classes the words of a file name give (none, one, or several when it is ambiguous).</summary>
    public static IReadOnlyList<string> ClassesIn(string fileName) =>
        WordBreak().Split(Path.GetFileNameWithoutExtension(fileName))
            .Where(word => word.Length >= 3)
            .Select(EmotionVocabulary.Canonical)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();

    public static LoadPlan Plan(string root, LoadOptions options, ProblemSink sink) =>
        FlatFolder.Plan(DataFormat.FileNames, root, options, file =>
        {
            var classes = ClassesIn(file.Name);
            if (classes.Count == 1) return LabelledFile.From(file, classes[0], subject: null, "all");
            if (classes.Count == 0)
                sink.Report(file.FullName, "unrecognised-name", "no emotion word in the file name (expected e.g. happy_0001.png)");
            else
                sink.Report(file.FullName, "ambiguous-name", $"the file name names several classes ({string.Join(", ", classes)})");
            return null;
        }, "no image named by its emotion (expected names such as happy_0001.png)");
}
