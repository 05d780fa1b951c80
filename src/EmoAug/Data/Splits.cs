namespace EmoAug.Data;

/// <summary>One fold of a protocol: the indices to train on and the indices to test on.</summary>
public sealed record Fold(string Name, int[] Train, int[] Test);

/// <summary>Seeded, stratified and subject-independent ways to split a dataset's indices.</summary>
public static class Splits
{
    /// <summary>
    /// Splits indices so that each class keeps its proportion in both parts: about <paramref name="holdoutFraction"/>
    /// of every class (at least one image where a class has two or more) goes to the holdout. Same seed, same split.
    /// </summary>
    public static (int[] Keep, int[] Holdout) Stratified(IReadOnlyList<long> labels, double holdoutFraction, int seed)
    {
        if (holdoutFraction is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(holdoutFraction));
        var random = new Random(seed);
        var keep = new List<int>();
        var holdout = new List<int>();
        foreach (var group in Enumerable.Range(0, labels.Count).GroupBy(i => labels[i]).OrderBy(g => g.Key))
        {
            var members = group.ToArray();
            random.Shuffle(members);
            int take = members.Length < 2 ? 0 : Math.Max(1, (int)Math.Round(members.Length * holdoutFraction));
            holdout.AddRange(members.Take(take));
            keep.AddRange(members.Skip(take));
        }
        keep.Sort();
        holdout.Sort();
        return (keep.ToArray(), holdout.ToArray());
    }

    /// <summary>Stratified k-fold: every index is tested exactly once, classes spread evenly over the folds.</summary>
    public static List<Fold> StratifiedKFold(IReadOnlyList<long> labels, int k, int seed)
    {
        if (k < 2) throw new ArgumentOutOfRangeException(nameof(k), "k-fold needs k >= 2");
        var random = new Random(seed);
        var foldOf = new int[labels.Count];
        int next = 0;
        foreach (var group in Enumerable.Range(0, labels.Count).GroupBy(i => labels[i]).OrderBy(g => g.Key))
        {
            var members = group.ToArray();
            random.Shuffle(members);
            foreach (var i in members) foldOf[i] = next++ % k;
        }
        return Enumerable.Range(0, k).Select(f => new Fold($"fold{f + 1}",
            Enumerable.Range(0, labels.Count).Where(i => foldOf[i] != f).ToArray(),
            Enumerable.Range(0, labels.Count).Where(i => foldOf[i] == f).ToArray())).ToList();
    }

    /// <summary>
    /// Subject-independent folds: no person appears in both parts. With <paramref name="k"/> &lt;= 0 (or k at least
    /// the number of subjects) this is leave-one-subject-out, one fold per subject, named after it.
    /// Images without a subject cannot be placed and are an error.
    /// </summary>
    public static List<Fold> SubjectKFold(IReadOnlyList<string?> subjects, int k = 0)
    {
        var missing = Enumerable.Range(0, subjects.Count).FirstOrDefault(i => subjects[i] == null, -1);
        if (missing >= 0) throw new EmoAugException($"subject-independent folds need a subject for every image; image {missing} has none");
        var people = subjects.Select(s => s!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (people.Count < 2) throw new EmoAugException("subject-independent folds need at least 2 subjects");
        bool leaveOneOut = k <= 0 || k >= people.Count;
        int folds = leaveOneOut ? people.Count : k;
        var foldOfPerson = people.Select((p, i) => (p, i % folds)).ToDictionary(x => x.p, x => x.Item2);
        return Enumerable.Range(0, folds).Select(f => new Fold(
            leaveOneOut ? people[f] : $"fold{f + 1}",
            Enumerable.Range(0, subjects.Count).Where(i => foldOfPerson[subjects[i]!] != f).ToArray(),
            Enumerable.Range(0, subjects.Count).Where(i => foldOfPerson[subjects[i]!] == f).ToArray())).ToList();
    }
}
