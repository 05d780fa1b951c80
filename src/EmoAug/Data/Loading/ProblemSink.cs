namespace EmoAug.Data.Loading;

/// <summary>
/// Where loaders send invalid input: without SkipInvalid the first problem stops the load with one line naming the
/// file or line; with it, the problem is recorded and the loader goes on.
/// </summary>
internal sealed class ProblemSink(bool skipInvalid)
{
    readonly List<SkippedItem> skipped = [];

    public bool SkipInvalid => skipInvalid;
    public IReadOnlyList<SkippedItem> Skipped => skipped;

    public void Report(string source, string kind, string message)
    {
        if (!skipInvalid) throw new EmoAugException($"{source}: {message}");
        lock (skipped) skipped.Add(new SkippedItem(source, kind, message));
    }
}
