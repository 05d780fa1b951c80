using System.Text.RegularExpressions;

namespace EmoAug.Data.Loading;

/// <summary>
/// KDEF (Karolinska Directed Emotional Faces) as distributed: a folder per sitting (<c>AF01/</c>) of images named
/// session, sex, person, expression and angle, e.g. <c>AF01ANS.JPG</c>: session A, female 01, angry, straight.
/// Expression codes AF (afraid) AN DI HA NE SA SU. The subject is sex and number (<c>F01</c>), the same person in
/// both sessions, so subject-independent folds keep a person's two sittings together. All five angles are loaded.
/// </summary>
internal static partial class KdefLoader
{

    [GeneratedRegex(@"^[AB](?<subject>[FM]\d{2})(?<code>AF|AN|DI|HA|NE|SA|SU)(?<angle>S|HL|HR|FL|FR)\.jpe?g$",
        RegexOptions.IgnoreCase)]
    internal static partial Regex FileName();

    static readonly Dictionary<string, string> Classes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["AF"] = "fear", ["AN"] = "angry", ["DI"] = "disgust", ["HA"] = "happy", ["NE"] = "neutral", ["SA"] = "sad",
        ["SU"] = "surprise",
    };

    public static LoadPlan Plan(string root, LoadOptions options, ProblemSink sink) =>
        FlatFolder.Plan(DataFormat.Kdef, root, options, file =>
        {
            var match = FileName().Match(file.Name);
            if (!match.Success)
            {
                sink.Report(file.FullName, "unrecognised-name",
                    "not a KDEF file name (expected session, sex, number, expression and angle, e.g. AF01ANS.JPG)");
                return null;
            }
            return LabelledFile.From(file, Classes[match.Groups["code"].Value],
                match.Groups["subject"].Value.ToUpperInvariant(), "all");
        }, "no KDEF images found (expected names such as AF01ANS.JPG)", subfolders: true);
}
