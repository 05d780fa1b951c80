using EmoAug.Data;

namespace EmoAug.Training;

/// <summary>
/// Which images a generator may learn from or translate: only the training split, never validation or test data
/// (generated faces derived from test faces would leak them into the classifier's training set).
/// </summary>
public static class TrainingSplit
{
    /// <summary>
    /// Indices of the training images. With <paramref name="split"/> null: every image whose split is a training
    /// split ("train", "Training", ...); when there is none, every image whose split is neither validation nor test
    /// (e.g. JAFFE's single "all" split). Throws <see cref="EmoAugException"/> naming the split when only
    /// validation/test data is there or when <paramref name="split"/> names one.
    /// </summary>
    public static int[] Indices(FaceDataset dataset, string? split = null)
    {
        if (split is not null)
        {
            if (SplitRoles.IsValidation(split) || SplitRoles.IsTest(split))
                throw new EmoAugException(
                    $"--split {split}: '{split}' is a {Role(split)} split; a CycleGAN learns from and translates training images only");
            var chosen = Where(dataset, s => s.Equals(split, StringComparison.OrdinalIgnoreCase));
            if (chosen.Length == 0)
                throw new EmoAugException(
                    $"--split {split}: no such split in the data (splits: {string.Join(", ", dataset.SplitNames())})");
            return chosen;
        }
        var train = Where(dataset, SplitRoles.IsTrain);
        if (train.Length > 0) return train;
        var unassigned = Where(dataset, s => !SplitRoles.IsValidation(s) && !SplitRoles.IsTest(s));
        if (unassigned.Length > 0) return unassigned;
        var splits = dataset.SplitNames();
        throw new EmoAugException(
            $"the data holds only {string.Join(", ", splits.Select(s => $"'{s}' ({Role(s)})"))} images; " +
            "a CycleGAN learns from and translates training images only");
    }

    /// <summary>
    /// The dataset's class index for a class name or synonym (<see cref="EmotionVocabulary.Canonical"/>); throws
    /// <see cref="EmoAugException"/> naming <paramref name="option"/> when the data has no such class.
    /// </summary>
    public static int ClassIndex(IReadOnlyList<string> classNames, string name, string option) =>
        FindClass(classNames, name) ?? throw new EmoAugException(
            $"{option} {name}: not a class of the data (classes: {string.Join(", ", classNames)})");

    /// <summary>The index of a class name or synonym (case ignored), or null when the data have no such class.</summary>
    public static int? FindClass(IReadOnlyList<string> classNames, string name)
    {
        var canonical = EmotionVocabulary.Canonical(name) ?? name;
        for (int i = 0; i < classNames.Count; i++)
            if (classNames[i].Equals(canonical, StringComparison.OrdinalIgnoreCase)) return i;
        return null;
    }

    static string Role(string split) => SplitRoles.IsTest(split) ? "test" : SplitRoles.IsValidation(split) ? "validation" : "training";

    static int[] Where(FaceDataset dataset, Func<string, bool> keep) =>
        Enumerable.Range(0, dataset.Count).Where(i => keep(dataset.Samples[i].Split)).ToArray();
}
