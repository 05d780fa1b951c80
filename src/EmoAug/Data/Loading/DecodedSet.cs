using static TorchSharp.torch;

namespace EmoAug.Data.Loading;

/// <summary>
/// A dataset as a loader builds it and as the load cache stores it: <see cref="Images"/> is the uint8 tensor
/// [N,1,Size,Size] that becomes <see cref="FaceDataset.Images"/> (no further copy), the rest plain lists.
/// </summary>
internal sealed record DecodedSet(int Size, Tensor Images, long[] Labels, IReadOnlyList<FaceSample> Samples,
    IReadOnlyList<string> ClassNames, IReadOnlyList<SkippedItem> Skipped, IReadOnlyList<string> Notes)
{
    /// <summary>The [count,1,size,size] tensor of <paramref name="count"/> gray images stored one after another.</summary>
    public static Tensor ImagesFrom(byte[] pixels, int count, int size) => tensor(pixels, [count, 1, size, size]);

    /// <summary>The bytes of a contiguous CPU uint8 tensor in place (the cache reads and writes them without a copy).</summary>
    public static Span<byte> BytesOf(Tensor images) => images.NumberOfElements == 0 ? [] : images.bytes;
}
