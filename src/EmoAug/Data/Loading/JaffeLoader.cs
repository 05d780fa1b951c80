using System.Text.RegularExpressions;

namespace EmoAug.Data.Loading;

/// <summary>
/// JAFFE: one flat folder of images named subject.expression-number.index.ext, e.g. <c>KA.AN1.39.tiff</c>: subject
/// KA, class AN (angry). Expression codes AN DI FE HA NE SA SU map through the vocabulary's synonyms.
/// </summary>
internal static partial class JaffeLoader
{

    [GeneratedRegex(@"^(?<subject>[A-Za-z]{2,})\.(?<code>[A-Za-z]{2})\d*\.\d+\.[A-Za-z]+$")]
    internal static partial Regex FileName();

    public static LoadPlan Plan(string root, LoadOptions options, ProblemSink sink) =>
        FlatFolder.Plan(DataFormat.Jaffe, root, options, file =>
        {
            var match = FileName().Match(file.Name);
            if (!match.Success)
            {
                sink.Report(file.FullName, "unrecognised-name",
                    "not a JAFFE file name (expected subject.expression.index, e.g. KA.AN1.39.tiff)");
                return null;
            }
            var className = EmotionVocabulary.Canonical(match.Groups["code"].Value);
            if (className == null)
            {
                sink.Report(file.FullName, "unknown-emotion",
                    $"unknown JAFFE expression code '{match.Groups["code"].Value}' (expected AN DI FE HA NE SA SU)");
                return null;
            }
            return LabelledFile.From(file, className, match.Groups["subject"].Value.ToUpperInvariant(), "all");
        }, "no JAFFE images found (expected names such as KA.AN1.39.tiff)");
}
