using EmoAug.Data;
using EmoAug.Experiments;
using EmoAug.Experiments.Planning;
using Xunit;
using static TorchSharp.torch;

namespace EmoAug.Tests.Experiments;

public class ExperimentProtocolTests
{
    /// <summary>A dataset of blank 4x4 images with the given labels, splits and subjects.</summary>
    static FaceDataset Dataset(long[] labels, string[] splits, string?[]? subjects = null, string format = "folders")
    {
        var samples = labels.Select((_, i) => new FaceSample($"faces/{i}.png", subjects?[i], splits[i])).ToList();
        return new FaceDataset(zeros(labels.Length, 1, 4, 4, ScalarType.Byte), tensor(labels, ScalarType.Int64),
            samples, EmotionVocabulary.Basic, format);
    }

    static long[] Labels(int count) => Enumerable.Range(0, count).Select(i => (long)(i % 7)).ToArray();

    static string[] Splits(params (string Name, int Count)[] parts) =>
        parts.SelectMany(p => Enumerable.Repeat(p.Name, p.Count)).ToArray();

    [Fact]
    public void AutoPicksLeaveOneSubjectOutForJaffeTheOwnSplitsWhereThereAreAndOneSplitElse()
    {
        using var jaffe = Dataset(Labels(6), Splits(("all", 6)), ["KA", "KA", "KL", "KL", "MK", "MK"], format: "jaffe");
        using var folders = Dataset(Labels(6), Splits(("train", 4), ("test", 2)));
        using var sfew = Dataset(Labels(6), Splits(("Train", 4), ("Val", 2)), format: "sfew");
        using var flat = Dataset(Labels(6), Splits(("all", 6)));
        using var trainOnly = Dataset(Labels(6), Splits(("train", 6)));
        using var kdef = Dataset(Labels(6), Splits(("all", 6)), ["F01", "F01", "M02", "M02", "F03", "F03"], format: "kdef");

        Assert.Equal("loso", ExperimentProtocol.Auto(DatasetSummary.Of(jaffe)));
        Assert.Equal("subject-kfold", ExperimentProtocol.Auto(DatasetSummary.Of(kdef)));
        Assert.Equal("official", ExperimentProtocol.Auto(DatasetSummary.Of(folders)));
        Assert.Equal("official", ExperimentProtocol.Auto(DatasetSummary.Of(sfew)));
        Assert.Equal("split", ExperimentProtocol.Auto(DatasetSummary.Of(flat)));
        Assert.Equal("split", ExperimentProtocol.Auto(DatasetSummary.Of(trainOnly)));

        var (protocol, folds) = ExperimentProtocol.Folds(DatasetSummary.Of(jaffe), ProtocolName.Auto, k: 5, seed: 0);
        Assert.Equal("loso", protocol);
        Assert.Equal(["KA", "KL", "MK"], folds.Select(f => f.Name));
        Assert.All(folds, f => Assert.Empty(f.Validation));
    }

    [Fact]
    public void FoldersOfCkPlusFramesAreSplitByPersonSoNoSequenceSitsOnBothSides()
    {
        using var folder = new TempFolder();
        // Three subjects, two sequences each, the last three frames of each sequence (nearly the same face).
        foreach (var subject in new[] { "S005", "S010", "S011" })
            foreach (var (sequence, emotion) in new[] { ("001", "happy"), ("002", "sad") })
                for (int frame = 9; frame <= 11; frame++)
                {
                    Directory.CreateDirectory(folder.File($"ck/{emotion}"));
                    var name = $"{subject}_{sequence}_{frame:D8}.png";
                    using var image = new SixLabors.ImageSharp.Image<SixLabors.ImageSharp.PixelFormats.L8>(8, 8);
                    SixLabors.ImageSharp.ImageExtensions.SaveAsPng(image, folder.File($"ck/{emotion}/{name}"));
                }
        using var data = DatasetLoader.Load(folder.File("ck"), new LoadOptions(Size: 8, UseCache: false));
        Assert.Equal(["S005", "S010", "S011"], data.Samples.Select(s => s.Subject).Distinct().Order());
        var summary = DatasetSummary.Of(data);
        var (protocol, folds) = ExperimentProtocol.Folds(summary, ProtocolName.Auto, k: 3, seed: 0);
        Assert.Equal("subject-kfold", protocol);
        foreach (var fold in folds)
        {
            var trainSubjects = fold.Train.Select(i => data.Samples[i].Subject).ToHashSet();
            Assert.DoesNotContain(fold.Test.Select(i => data.Samples[i].Subject), trainSubjects.Contains);
        }
    }

    [Fact]
    public void OfficialSelectsOnValidationWhenThereIsATestSplitAndReportsOnValidationWhenThereIsNot()
    {
        using var fer = Dataset(Labels(9), Splits(("Training", 5), ("PublicTest", 2), ("PrivateTest", 2)));
        var fold = Assert.Single(ExperimentProtocol.Folds(DatasetSummary.Of(fer), ProtocolName.Official, 5, 0).Folds);
        Assert.Equal([0, 1, 2, 3, 4], fold.Train);
        Assert.Equal([5, 6], fold.Validation);
        Assert.Equal([7, 8], fold.Test);

        // SFEW's test labels were never released: report on val, select on a holdout of train (no validation here).
        using var sfew = Dataset(Labels(6), Splits(("train", 4), ("val", 2)), format: "sfew");
        var sfewFold = Assert.Single(ExperimentProtocol.Folds(DatasetSummary.Of(sfew), ProtocolName.Official, 5, 0).Folds);
        Assert.Equal([4, 5], sfewFold.Test);
        Assert.Empty(sfewFold.Validation);
    }

    [Fact]
    public void KFoldAndSplitKeepEveryImageAndTestEachOnce()
    {
        using var data = Dataset(Labels(70), Splits(("all", 70)));

        var (name, folds) = ExperimentProtocol.Folds(DatasetSummary.Of(data), ProtocolName.Kfold, k: 4, seed: 0);
        Assert.Equal("kfold", name);
        Assert.Equal(4, folds.Count);
        Assert.Equal(Enumerable.Range(0, 70), folds.SelectMany(f => f.Test).Order());

        var split = Assert.Single(ExperimentProtocol.Folds(DatasetSummary.Of(data), ProtocolName.Split, k: 4, seed: 0).Folds);
        Assert.Equal(14, split.Test.Length); // 20% of each class's 10 images
        Assert.Equal(Enumerable.Range(0, 70), split.Train.Concat(split.Test).Order());
    }

    [Fact]
    public void SubjectKFoldKeepsEveryPersonOnOneSide()
    {
        var subjects = Enumerable.Range(0, 60).Select(i => $"P{i % 12:00}").ToArray();
        using var data = Dataset(Labels(60), Splits(("all", 60)), subjects, format: "kdef");

        var (name, folds) = ExperimentProtocol.Folds(DatasetSummary.Of(data), ProtocolName.Auto, k: 4, seed: 0);

        Assert.Equal("subject-kfold", name);
        Assert.Equal(4, folds.Count);
        Assert.Equal(Enumerable.Range(0, 60), folds.SelectMany(f => f.Test).Order());
        foreach (var fold in folds)
        {
            Assert.Equal(15, fold.Test.Length); // 3 of the 12 people, 5 images each
            Assert.Empty(fold.Train.Select(i => subjects[i]).Intersect(fold.Test.Select(i => subjects[i])));
        }
    }

    [Fact]
    public void RefusalsNameTheOptionAndWhatIsMissing()
    {
        using var flat = Dataset(Labels(6), Splits(("all", 6)));
        using var noTrain = Dataset(Labels(6), Splits(("test", 6)));
        using var trainOnly = Dataset(Labels(6), Splits(("train", 6)));

        Assert.Equal("--protocol loocv: unknown; choose auto, official, loso, subject-kfold, kfold, split",
            Assert.Throws<EmoAugException>(() => ClosedSet.Parse<ProtocolName>("loocv", "--protocol")).Message);
        var loso = Assert.Throws<EmoAugException>(() => ExperimentProtocol.Folds(DatasetSummary.Of(flat), ProtocolName.Loso, 5, 0)).Message;
        Assert.StartsWith("--protocol loso: faces/0.png has no subject", loso);
        Assert.StartsWith("--protocol subject-kfold: faces/0.png has no subject",
            Assert.Throws<EmoAugException>(() => ExperimentProtocol.Folds(DatasetSummary.Of(flat), ProtocolName.SubjectKfold, 5, 0)).Message);
        Assert.StartsWith("--folds 1: kfold needs at least 2 folds",
            Assert.Throws<EmoAugException>(() => ExperimentProtocol.Folds(DatasetSummary.Of(flat), ProtocolName.Kfold, 1, 0)).Message);
        Assert.Contains("no training split", Assert.Throws<EmoAugException>(() => ExperimentProtocol.Folds(DatasetSummary.Of(noTrain), ProtocolName.Official, 5, 0)).Message);
        Assert.Contains("no test or validation split", Assert.Throws<EmoAugException>(() => ExperimentProtocol.Folds(DatasetSummary.Of(trainOnly), ProtocolName.Official, 5, 0)).Message);
    }
}
