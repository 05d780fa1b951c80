namespace EmoAug.Data.Loading;

/// <summary>
/// SFEW 2.0 aligned faces: train/val class folders of RGB PNGs, read like <see cref="FolderLoader"/>. The
/// distribution's <c>bad_alignment.txt</c> (failed alignments) is only applied when named by
/// <see cref="LoadOptions.ExcludeList"/>; by default every image is kept and the report says so.
/// </summary>
internal static class SfewLoader
{
    public const string BadAlignmentFile = "bad_alignment.txt";

    public static LoadPlan Plan(string root, LoadOptions options, ProblemSink sink)
    {
        var plan = FolderLoader.Plan(root, options, sink, DataFormat.Sfew);
        var list = Path.Combine(plan.Root, BadAlignmentFile);
        if (!File.Exists(list)) return plan;
        bool applied = options.ExcludeList != null &&
                       Path.GetFullPath(options.ExcludeList) == Path.GetFullPath(list);
        var note = applied
            ? $"{BadAlignmentFile}: {plan.Excluded} failed alignments excluded"
            : $"{BadAlignmentFile} lists {ExclusionList.CountEntries(list)} failed alignments: kept " +
              $"(pass --exclude-list {list} to leave them out)";
        return plan with { Notes = [.. plan.Notes, note] };
    }
}
