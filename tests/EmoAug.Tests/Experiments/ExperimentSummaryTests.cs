using EmoAug.Data;
using EmoAug.Experiments;
using Xunit;

namespace EmoAug.Tests.Experiments;

public class ExperimentSummaryTests
{
    static ClassifierUnit Run(string settings, int seed, long[] truth, long[] predicted) =>
        new("official", seed, settings, "", 0, [], 1, truth, predicted, 0);

    [Fact]
    public void DifferencesToBaselineArePairedOverSeeds()
    {
        // Two seeds, 4 test faces of two classes. Baseline accuracies 0.5 and 0.75; GAN arm 0.75 and 1.0.
        long[] truth = [0, 0, 1, 1];
        var runs = new List<ClassifierUnit>
        {
            Run("real", 0, truth, [0, 1, 0, 1]), Run("real", 1, truth, [0, 0, 0, 1]),
            Run("gen100", 0, truth, [0, 0, 0, 1]), Run("gen100", 1, truth, [0, 0, 1, 1]),
        };
        using var data = SyntheticFaces.Generate(new SyntheticOptions(TrainCount: 20, ValCount: 0, TestCount: 0));
        var arms = new List<(string, ArmSettings)>
        {
            ("baseline", new ArmSettings(false, false, false, 0, false)),
            ("gan", new ArmSettings(false, false, false, 1, false)),
        };
        var options = new ExperimentOptions("synthetic", "unused");
        var results = ExperimentSummary.Summarise(options, "test", ExperimentBudget.Named(BudgetName.Quick), "official", data,
            [new ExperimentFold("official", [], [], [])], 2, arms, runs, [], [], 0);

        var gan = results.Arms.Single(a => a.Name == "gan");
        Assert.Equal(0.875, gan.Accuracy.Mean, 12);
        Assert.Equal(Math.Sqrt(0.03125), gan.Accuracy.Std, 12);
        // Per-seed differences are 0.25 and 0.25: mean 0.25, no spread, so the interval is a point.
        Assert.Equal(0.25, gan.AccuracyVsBaseline!.Estimate, 12);
        Assert.Equal(0.25, gan.AccuracyVsBaseline.Lower, 12);
        Assert.Equal(0.25, gan.AccuracyVsBaseline.Upper, 12);
        Assert.Contains("paired t", gan.AccuracyVsBaseline.Method);
        // Disgust (class 1) recall: baseline 0.5, 0.5; GAN 0.5, 1.0. Differences 0 and 0.5: mean 0.25,
        // half-width t(0.975, 1) * sd / sqrt(2) = 12.7062 * 0.35355 / 1.41421 = 3.17655.
        var disgust = gan.RecallVsBaseline!["disgust"];
        Assert.Equal(0.25, disgust.Estimate, 12);
        Assert.Equal(0.25 - 3.17655, disgust.Lower, 3);
        Assert.Equal(0.25 + 3.17655, disgust.Upper, 3);
        Assert.Equal(["angry", "disgust"], gan.Recall.Keys.Order());
    }

    [Fact]
    public void TheReportAnswersInOneSentenceAndWarnsWhenTheBaselineWasStillImproving()
    {
        long[] truth = [0, 0, 1, 1];
        var quick = ExperimentBudget.Named(BudgetName.Quick);
        // The first baseline run chose its last epoch (the quick budget's 4), the second an earlier one.
        var runs = new List<ClassifierUnit>
        {
            Run("real", 0, truth, [0, 1, 0, 1]) with { BestEpoch = quick.Classifier.Epochs }, Run("real", 1, truth, [0, 0, 0, 1]),
            Run("gen100", 0, truth, [0, 0, 0, 1]), Run("gen100", 1, truth, [0, 0, 1, 1]),
        };
        using var data = SyntheticFaces.Generate(new SyntheticOptions(TrainCount: 20, ValCount: 0, TestCount: 0));
        var arms = new List<(string, ArmSettings)>
        {
            ("baseline", new ArmSettings(false, false, false, 0, false)),
            ("gan", new ArmSettings(false, false, false, 1, false)),
        };
        var results = ExperimentSummary.Summarise(new ExperimentOptions("synthetic", "unused"), "test", quick, "official", data,
            [new ExperimentFold("official", [], [], [])], 2, arms, runs, [], [], 0);
        Assert.Equal((2, 1), (results.BaselineRuns, results.BaselineStillImproving));
        Assert.Equal("Answer: generated faces raised accuracy (gan against baseline +25.0 points [+25.0, +25.0]).", ExperimentReport.Answer(results));
        Assert.Equal("Answer: no arm with generated faces was compared with a baseline in this experiment.",
            ExperimentReport.Answer(results with { Arms = [results.Arms[0]] }));

        using var folder = new TempFolder();
        ExperimentReport.Write(folder.Path, results);
        var markdown = File.ReadAllLines(Path.Combine(folder.Path, ExperimentReport.MarkdownName));
        var answer = Array.FindIndex(markdown, l => l.StartsWith("Answer: generated faces raised accuracy", StringComparison.Ordinal));
        Assert.True(answer >= 0 && answer < Array.FindIndex(markdown, l => l.StartsWith("Does generated data help?", StringComparison.Ordinal)));
        Assert.Contains(markdown, l => l.StartsWith("Warning: the baseline was still improving at its last epoch in 1 of its 2 runs", StringComparison.Ordinal));
    }
}
