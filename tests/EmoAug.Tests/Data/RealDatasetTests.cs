using EmoAug.Data;
using Xunit;

namespace EmoAug.Tests.Data;

/// <summary>
/// The exact counts of the real sets in ../shared/datasets, when that folder is present (else each test returns).
/// The load cache goes to the repository's ignored .cache/emoaug, so only the first run pays FER2013's decoding.
/// </summary>
public class RealDatasetTests
{
    static readonly string? RepoRoot = FindRepoRoot();

    static string? FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "EmoAug.slnx"))) return dir.FullName;
        return null;
    }

    static string? DatasetPath(string name)
    {
        if (RepoRoot == null) return null;
        var path = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "datasets", name));
        return Directory.Exists(path) ? path : null;
    }

    static LoadOptions Options(string? excludeList = null) =>
        new(ExcludeList: excludeList, CacheDir: Path.Combine(RepoRoot!, ".cache", "emoaug"));

    static int[] Counts(FaceDataset dataset, string split)
    {
        using var part = dataset.WhereSplit(split);
        return part.ClassCounts();
    }

    [Fact]
    public void Fer2013FoldersHaveTheKnownSplitsAndCounts()
    {
        if (DatasetPath("fer2013") is not { } path) return;
        using var dataset = DatasetLoader.Load(path, Options());
        Assert.Equal("folders", dataset.Format);
        Assert.Equal(["Training", "PublicTest", "PrivateTest"], dataset.SplitNames());
        // angry, disgust, fear, happy, sad, surprise, neutral
        Assert.Equal([3995, 436, 4097, 7215, 4830, 3171, 4965], Counts(dataset, "Training"));
        Assert.Equal([467, 56, 496, 895, 653, 415, 607], Counts(dataset, "PublicTest"));
        Assert.Equal([491, 55, 528, 879, 594, 416, 626], Counts(dataset, "PrivateTest"));
        Assert.Equal((48, 48), (dataset.Height, dataset.Width));
    }

    [Fact]
    public void JaffeHas213ImagesOf10Subjects()
    {
        if (DatasetPath("jaffe") is not { } path) return;
        using var dataset = DatasetLoader.Load(path, Options());
        Assert.Equal("jaffe", dataset.Format);
        Assert.Equal(213, dataset.Count);
        Assert.Equal(10, dataset.Samples.Select(s => s.Subject).Distinct().Count());
        Assert.Equal([30, 29, 32, 31, 31, 30, 30], dataset.ClassCounts());
        Assert.Equal(10, Splits.SubjectKFold(dataset.Samples.Select(s => s.Subject).ToList()).Count);
    }

    [Fact]
    public void SfewHas864TrainAnd431ValAndTheBadAlignmentListRemoves31()
    {
        if (DatasetPath("sfew") is not { } path) return;
        using (var dataset = DatasetLoader.Load(path, Options()))
        {
            Assert.Equal("sfew", dataset.Format);
            Assert.Equal(864, dataset.WhereSplit("train").Count);
            Assert.Equal(431, dataset.WhereSplit("val").Count);
        }
        using var clean = DatasetLoader.Load(path, Options(Path.Combine(path, "bad_alignment.txt")));
        Assert.Equal(859, clean.WhereSplit("train").Count);
        Assert.Equal(405, clean.WhereSplit("val").Count);
    }
}
