using static TorchSharp.torch;

namespace EmoAug.Data;

/// <summary>Builds new datasets out of existing ones: relabelled splits for a protocol's fold, and real plus generated faces.</summary>
public static class DatasetComposition
{
    /// <summary>
    /// One dataset holding the given images of <paramref name="source"/> under new split names: the fold's training
    /// images become "train", its selection images "val" and its test images "test", whatever the source called them.
    /// </summary>
    public static FaceDataset ForFold(FaceDataset source, IReadOnlyList<int> train, IReadOnlyList<int> validation,
        IReadOnlyList<int> test)
    {
        var order = train.Concat(validation).Concat(test).ToList();
        var splitOf = new string[order.Count];
        for (int i = 0; i < order.Count; i++)
            splitOf[i] = i < train.Count ? "train" : i < train.Count + validation.Count ? "val" : "test";
        using var index = tensor(order.Select(i => (long)i).ToArray(), ScalarType.Int64);
        var samples = order.Select((idx, i) => source.Samples[idx] with { Split = splitOf[i] }).ToList();
        return new FaceDataset(source.Images.index_select(0, index), source.Labels.index_select(0, index), samples,
            source.ClassNames, source.Format);
    }

    /// <summary>
    /// <paramref name="real"/> with <paramref name="extra"/>'s images appended to its training split ("train"), labels
    /// matched by class name. Image sizes must agree; a class of <paramref name="extra"/> unknown to
    /// <paramref name="real"/> is an error.
    /// </summary>
    public static FaceDataset AppendToTraining(FaceDataset real, FaceDataset extra, string trainSplit = "train")
    {
        if (extra.Count == 0) return real.Subset(Enumerable.Range(0, real.Count).ToList());
        if (extra.Height != real.Height || extra.Width != real.Width)
            throw new EmoAugException($"generated images are {extra.Width}x{extra.Height} but the data are {real.Width}x{real.Height}");
        var map = extra.ClassNames.Select(name =>
        {
            int target = real.ClassNames.ToList().IndexOf(name);
            return (long)target;
        }).ToArray();
        var extraLabels = extra.LabelArray().Select(l =>
        {
            long mapped = map[l];
            if (mapped < 0) throw new EmoAugException($"generated class '{extra.ClassNames[(int)l]}' is not a class of the data");
            return mapped;
        }).ToArray();
        using var labels = tensor(extraLabels, ScalarType.Int64);
        var samples = real.Samples.Concat(extra.Samples.Select(s => s with { Split = trainSplit })).ToList();
        return new FaceDataset(cat([real.Images, extra.Images], 0), cat([real.Labels, labels], 0), samples,
            real.ClassNames, real.Format);
    }
}
