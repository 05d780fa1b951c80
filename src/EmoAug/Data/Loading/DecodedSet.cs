namespace EmoAug.Data.Loading;

/// <summary>
/// A dataset as plain arrays, before it becomes tensors: what a loader builds and what the load cache stores.
/// <see cref="Pixels"/> holds <c>Samples.Count</c> gray images of Size x Size, row-major, one after another.
/// </summary>
internal sealed record DecodedSet(int Size, byte[] Pixels, long[] Labels, IReadOnlyList<FaceSample> Samples,
    IReadOnlyList<string> ClassNames, IReadOnlyList<SkippedItem> Skipped, IReadOnlyList<string> Notes);
