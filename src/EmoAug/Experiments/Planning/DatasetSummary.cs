using EmoAug.Data;

namespace EmoAug.Experiments.Planning;

/// <summary>
/// What planning needs of a loaded dataset, without its pixels: where every face came from, its split and person, its
/// label, the class names and the image size. Plans are made from it alone, so they can be tested without images.
/// </summary>
public sealed record DatasetSummary(string Format, IReadOnlyList<string> ClassNames, int Size,
    IReadOnlyList<FaceSample> Samples, long[] Labels)
{
    public static DatasetSummary Of(FaceDataset data) =>
        new(data.Format, data.ClassNames, data.Height, data.Samples, data.LabelArray());

    public int Count => Labels.Length;

    public IReadOnlyList<string> SplitNames() => Samples.Select(s => s.Split).Distinct().ToList();

    /// <summary>Labelled images per class.</summary>
    public int[] ClassCounts()
    {
        var counts = new int[ClassNames.Count];
        foreach (var label in Labels) if (label >= 0) counts[label]++;
        return counts;
    }

    /// <summary>Images per class among those at <paramref name="indices"/>.</summary>
    public int[] ClassCounts(IEnumerable<int> indices)
    {
        var counts = new int[ClassNames.Count];
        foreach (var i in indices) if (Labels[i] >= 0) counts[Labels[i]]++;
        return counts;
    }
}
