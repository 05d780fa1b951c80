using System.Globalization;
using EmoAug.Data.Loading;

namespace EmoAug.Data;

/// <summary>What `train-classifier --augment-with` added: written to the run folder as augmentation.json.</summary>
/// <param name="Folder">The generated faces' folder.</param>
/// <param name="PerClass">The --augment-per-class setting ("all", a count, or a share of the real count).</param>
/// <param name="Added">Generated faces added to the training split, per class.</param>
/// <param name="Available">Generated faces found in the folder, per class.</param>
/// <param name="Files">The added files, in order.</param>
public sealed record AugmentationRecord(string Folder, string PerClass, Dictionary<string, int> Added,
    Dictionary<string, int> Available, IReadOnlyList<string> Files);

/// <summary>
/// Adds generated faces (a folder `&lt;class&gt;/*.png`, as `emoaug generate` writes) to a dataset's training split only,
/// with a cap per class: a count ("200") or a share of the class's real training count ("0.5" = half as many).
/// The first faces in file order are taken, so the same folder and setting always add the same faces.
/// </summary>
public static class GeneratedAugmentation
{
    public static (FaceDataset Data, AugmentationRecord Record) Add(FaceDataset real, string folder, string? perClass)
    {
        using var generated = DatasetLoader.Load(folder, new LoadOptions(Size: real.Height, Format: DataFormat.Folders, UseCache: false));
        var trainSplit = real.SplitNames().FirstOrDefault(SplitRoles.IsTrain)
            ?? throw new EmoAugException($"--augment-with: the data have no training split to add generated faces to");
        var realLabels = real.LabelArray();
        var realCounts = new Dictionary<string, int>();
        for (int i = 0; i < real.Count; i++)
            if (realLabels[i] >= 0 && real.Samples[i].Split == trainSplit)
                realCounts[real.ClassNames[(int)realLabels[i]]] = realCounts.GetValueOrDefault(real.ClassNames[(int)realLabels[i]]) + 1;

        var cap = Parse(perClass);
        var labels = generated.LabelArray();
        var chosen = new List<int>();
        var added = new Dictionary<string, int>();
        var available = new Dictionary<string, int>();
        foreach (var group in Enumerable.Range(0, generated.Count).GroupBy(i => labels[i]).OrderBy(g => g.Key))
        {
            var name = generated.ClassNames[(int)group.Key];
            if (!real.ClassNames.Contains(name))
                throw new EmoAugException($"--augment-with {folder}: class '{name}' is not a class of the data");
            var members = group.ToList();
            int wanted = cap(realCounts.GetValueOrDefault(name), members.Count);
            chosen.AddRange(members.Take(wanted));
            added[name] = Math.Min(wanted, members.Count);
            available[name] = members.Count;
        }
        chosen.Sort();
        using var subset = generated.Subset(chosen);
        var combined = DatasetComposition.AppendToTraining(real, subset, trainSplit);
        var record = new AugmentationRecord(Path.GetFullPath(folder), perClass ?? "all", added, available,
            subset.Samples.Select(s => s.Source).ToList());
        return (combined, record);
    }

    /// <summary>How many faces to take given the class's real training count and the generated faces available.</summary>
    static Func<int, int, int> Parse(string? perClass)
    {
        if (string.IsNullOrWhiteSpace(perClass) || perClass.Equals("all", StringComparison.OrdinalIgnoreCase))
            return (_, available) => available;
        if (int.TryParse(perClass, NumberStyles.None, CultureInfo.InvariantCulture, out int count))
            return (_, available) => Math.Min(count, available);
        if (double.TryParse(perClass, NumberStyles.Float, CultureInfo.InvariantCulture, out double share) && share >= 0)
            return (realCount, available) => Math.Min((int)Math.Round(share * realCount), available);
        throw new EmoAugException($"--augment-per-class {perClass}: give a count (200), a share of the real count (0.5) or 'all'");
    }
}
