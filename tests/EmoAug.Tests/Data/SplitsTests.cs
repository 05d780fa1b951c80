using EmoAug.Data;
using Xunit;

namespace EmoAug.Tests.Data;

public class SplitsTests
{
    // 7 classes of unequal size (30, 3, 12, 41, 1, 9, 20 images), interleaved so that index order says nothing.
    static readonly long[] Labels = Enumerable.Range(0, 7)
        .SelectMany(c => Enumerable.Repeat((long)c, new[] { 30, 3, 12, 41, 1, 9, 20 }[c]))
        .Select((label, i) => (label, key: (i * 37) % 116)).OrderBy(x => x.key).Select(x => x.label).ToArray();

    static int[] CountPerClass(IEnumerable<int> indices) =>
        Enumerable.Range(0, 7).Select(c => indices.Count(i => Labels[i] == c)).ToArray();

    [Fact]
    public void StratifiedHoldsOutAboutTheFractionOfEveryClassAndNothingTwice()
    {
        var (keep, holdout) = Splits.Stratified(Labels, 0.2, seed: 4);

        Assert.Equal(Enumerable.Range(0, Labels.Length), keep.Concat(holdout).Order());
        // round(n * 0.2), at least one where a class has two or more, none from the class of one.
        Assert.Equal([6, 1, 2, 8, 0, 2, 4], CountPerClass(holdout));
        Assert.Equal(holdout, Splits.Stratified(Labels, 0.2, seed: 4).Holdout);
        Assert.NotEqual(holdout, Splits.Stratified(Labels, 0.2, seed: 5).Holdout);
        Assert.Throws<ArgumentOutOfRangeException>(() => Splits.Stratified(Labels, 1.0, seed: 4));
    }

    [Fact]
    public void StratifiedKFoldTestsEveryImageOnceWithClassesSpreadEvenly()
    {
        var folds = Splits.StratifiedKFold(Labels, 5, seed: 2);

        Assert.Equal(["fold1", "fold2", "fold3", "fold4", "fold5"], folds.Select(f => f.Name));
        Assert.Equal(Enumerable.Range(0, Labels.Length), folds.SelectMany(f => f.Test).Order());
        foreach (var fold in folds)
            Assert.Equal(Enumerable.Range(0, Labels.Length), fold.Train.Concat(fold.Test).Order());
        // Every class's images spread over the folds within one of each other (the classes' remainders are dealt on
        // from where the previous class stopped, so fold sizes stay within one too).
        for (int c = 0; c < 7; c++)
        {
            var perFold = folds.Select(f => CountPerClass(f.Test)[c]).ToArray();
            Assert.True(perFold.Max() - perFold.Min() <= 1, $"class {c}: {string.Join(", ", perFold)}");
        }
        var sizes = folds.Select(f => f.Test.Length).ToArray();
        Assert.True(sizes.Max() - sizes.Min() <= 1, string.Join(", ", sizes));
        Assert.Equal(folds.Select(f => f.Test), Splits.StratifiedKFold(Labels, 5, seed: 2).Select(f => f.Test));
        Assert.NotEqual(folds[0].Test, Splits.StratifiedKFold(Labels, 5, seed: 3)[0].Test);
    }

    [Fact]
    public void SubjectFoldsNeverPutAPersonOnBothSides()
    {
        string?[] subjects = ["KA", "KL", "KA", "MK", "KL", "NA", "KA", "MK", "NA", "NA"];

        var loso = Splits.SubjectKFold(subjects);
        Assert.Equal(["KA", "KL", "MK", "NA"], loso.Select(f => f.Name));
        Assert.Equal([0, 2, 6], loso[0].Test);
        Assert.Equal([1, 3, 4, 5, 7, 8, 9], loso[0].Train);

        var two = Splits.SubjectKFold(subjects, k: 2);
        Assert.Equal(["fold1", "fold2"], two.Select(f => f.Name));
        Assert.Equal(Enumerable.Range(0, subjects.Length), two.SelectMany(f => f.Test).Order());
        foreach (var fold in two)
            Assert.Empty(fold.Train.Select(i => subjects[i]).Intersect(fold.Test.Select(i => subjects[i])));
    }

    [Fact]
    public void SubjectFoldsRefuseImagesWithoutAPersonAndASinglePerson()
    {
        var missing = Assert.Throws<EmoAugException>(() => Splits.SubjectKFold(["KA", null, "KL"]));
        Assert.Contains("image 1", missing.Message);
        var alone = Assert.Throws<EmoAugException>(() => Splits.SubjectKFold(["KA", "KA"]));
        Assert.Contains("at least 2 subjects", alone.Message);
    }
}
