using System.Text.RegularExpressions;

namespace EmoAug.Data.Loading;

/// <summary>
/// The person in an image, where a dataset's file names say it: CK+'s `S005_001_00000011.png` is subject S005,
/// sequence 001, frame 11. Folders of such files get subject-independent folds from `--protocol auto`, so that one
/// person's faces (and a sequence's near-identical last frames) never sit on both sides of a split.
/// </summary>
internal static partial class SubjectInFileName
{
    [GeneratedRegex(@"^(S\d{3})_\d{3}_\d{8}$")]
    private static partial Regex CohnKanade();

    /// <summary>The subject the file's name gives, or null.</summary>
    public static string? Of(string path)
    {
        var match = CohnKanade().Match(Path.GetFileNameWithoutExtension(path));
        return match.Success ? match.Groups[1].Value : null;
    }
}
