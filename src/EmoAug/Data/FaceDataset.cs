using TorchSharp;
using static TorchSharp.torch;

namespace EmoAug.Data;

/// <summary>
/// Labelled face images in memory: <see cref="Images"/> is a uint8 tensor [N,1,H,W], <see cref="Labels"/> an int64
/// tensor [N] of indices into <see cref="ClassNames"/>, and <see cref="Samples"/> says where each image came from.
/// The first seven class names are always <see cref="EmotionVocabulary.Basic"/>, so label 1 is disgust everywhere.
/// </summary>
public sealed class FaceDataset : IDisposable
{
    public FaceDataset(Tensor images, Tensor labels, IReadOnlyList<FaceSample> samples, IReadOnlyList<string> classNames,
        string format)
    {
        if (images.dtype != ScalarType.Byte || images.dim() != 4 || images.shape[1] != 1)
            throw new ArgumentException("images must be a uint8 tensor [N,1,H,W]");
        if (labels.dtype != ScalarType.Int64 || labels.dim() != 1 || labels.shape[0] != images.shape[0])
            throw new ArgumentException("labels must be an int64 tensor [N] matching the images");
        if (samples.Count != images.shape[0])
            throw new ArgumentException("one sample record is needed per image");
        Images = images;
        Labels = labels;
        Samples = samples;
        ClassNames = classNames;
        Format = format;
    }

    /// <summary>The label of an image whose class is unknown (FER2013's unlabelled test CSV); not counted by
    /// <see cref="ClassCounts"/>.</summary>
    public const long Unlabelled = -1;

    public Tensor Images { get; }
    public Tensor Labels { get; }
    public IReadOnlyList<FaceSample> Samples { get; }
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The format the loader detected or was told ("fer2013-csv", "image-list", "folders", "jaffe", "kdef", "sfew", "file-names", "synthetic").</summary>
    public string Format { get; }

    public int Count => (int)Images.shape[0];
    public int Height => (int)Images.shape[2];
    public int Width => (int)Images.shape[3];

    /// <summary>Labels copied out as an array (cheap: one copy of N longs).</summary>
    public long[] LabelArray() => Labels.data<long>().ToArray();

    /// <summary>The dataset's split names in order of first appearance.</summary>
    public IReadOnlyList<string> SplitNames() => Samples.Select(s => s.Split).Distinct().ToList();

    /// <summary>A new dataset with the images at the given indices (copies; the original stays usable).</summary>
    public FaceDataset Subset(IReadOnlyList<int> indices)
    {
        using var index = tensor(indices.Select(i => (long)i).ToArray(), ScalarType.Int64);
        return new FaceDataset(Images.index_select(0, index), Labels.index_select(0, index),
            indices.Select(i => Samples[i]).ToList(), ClassNames, Format);
    }

    /// <summary>The images whose split is one of <paramref name="splits"/> (case-insensitive).</summary>
    public FaceDataset WhereSplit(params string[] splits)
    {
        var wanted = new HashSet<string>(splits, StringComparer.OrdinalIgnoreCase);
        return Subset(Enumerable.Range(0, Count).Where(i => wanted.Contains(Samples[i].Split)).ToList());
    }

    /// <summary>Number of images per class index, over the whole dataset (unlabelled images are not counted).</summary>
    public int[] ClassCounts()
    {
        var counts = new int[ClassNames.Count];
        foreach (var label in LabelArray())
            if (label >= 0) counts[label]++;
        return counts;
    }

    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
    }
}
