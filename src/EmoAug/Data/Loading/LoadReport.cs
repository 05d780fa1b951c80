namespace EmoAug.Data.Loading;

/// <summary>One image or row left out by <see cref="LoadOptions.SkipInvalid"/>.</summary>
/// <param name="Source">The file, folder or "file:line" at fault.</param>
/// <param name="Kind">A short stable key for the kind of problem ("wrong-pixel-count", "undecodable-image", ...).</param>
/// <param name="Message">The same one-line explanation the error would have given without skipping.</param>
public sealed record SkippedItem(string Source, string Kind, string Message);

/// <summary>What a load did beyond the dataset itself: the format, what was skipped and why, notes, cache use.</summary>
/// <param name="Format">The loader used ("fer2013-csv", "image-list", "folders", "jaffe", "sfew", "file-names", "synthetic").</param>
/// <param name="Skipped">Images, rows and folders left out because they were invalid (only with SkipInvalid).</param>
/// <param name="Excluded">Images left out because <see cref="LoadOptions.ExcludeList"/> names them.</param>
/// <param name="Notes">One-line remarks for the user (split recovery, an exclusion list that was not applied, ...).</param>
/// <param name="FromCache">True when the images came from the load cache rather than from decoding the files.</param>
public sealed record LoadReport(string Format, IReadOnlyList<SkippedItem> Skipped, int Excluded,
    IReadOnlyList<string> Notes, bool FromCache)
{
    /// <summary>Number of skipped items per kind of problem, most frequent first.</summary>
    public IReadOnlyList<(string Kind, int Count)> SkippedByKind() => Skipped.GroupBy(s => s.Kind)
        .Select(g => (g.Key, g.Count())).OrderByDescending(x => x.Item2).ThenBy(x => x.Key, StringComparer.Ordinal)
        .ToList();
}

/// <summary>A loaded dataset with the report of how it was loaded.</summary>
public sealed record LoadResult(FaceDataset Dataset, LoadReport Report);
