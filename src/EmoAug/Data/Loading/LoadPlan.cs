namespace EmoAug.Data.Loading;

/// <summary>
/// What a loader found before decoding anything: the input files (their paths, sizes and times key the cache),
/// notes for the user, how many listed files were excluded, and how to decode the inputs into a dataset.
/// </summary>
internal sealed record LoadPlan(
    DataFormat Format,
    string Root,
    IReadOnlyList<(string Path, long Length, long LastWriteTicks)> Inputs,
    IReadOnlyList<string> Notes,
    int Excluded,
    Func<ProblemSink, DecodedSet> Decode);
