namespace EmoAug.Data.Loading;

/// <summary>
/// A text file naming images to leave out (<see cref="LoadOptions.ExcludeList"/>): one per line, relative to the
/// dataset root or absolute; the last word of a line is the path (so "NONFACE train/angry/x.png" works) and '#'
/// starts a comment.
/// </summary>
internal static class ExclusionList
{
    public static HashSet<string> Read(string? listPath, string root)
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        if (listPath == null) return paths;
        if (!File.Exists(listPath)) throw new EmoAugException($"{listPath}: exclude list not found");
        foreach (var raw in File.ReadLines(listPath))
        {
            var line = raw.Split('#')[0].Trim();
            if (line.Length == 0) continue;
            var relative = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[^1];
            paths.Add(Path.GetFullPath(Path.Combine(root, relative)));
        }
        return paths;
    }

    /// <summary>Number of entries (non-empty, non-comment lines) in a list file.</summary>
    public static int CountEntries(string listPath) =>
        File.ReadLines(listPath).Count(l => l.Split('#')[0].Trim().Length > 0);
}
