using EmoAug.Evaluation;
using Xunit;

namespace EmoAug.Tests;

public class ClassificationMetricsTests
{
    static readonly string[] Classes = ["a", "b", "c"];

    [Fact]
    public void ScoresMatchAHandComputedConfusionMatrix()
    {
        // rows = truth: a: 3 right, 1 as b; b: 2 right; c: 1 as a, 1 right.
        long[] truth = [0, 0, 0, 0, 1, 1, 2, 2];
        long[] predicted = [0, 0, 0, 1, 1, 1, 0, 2];
        var m = ClassificationMetrics.FromPredictions(truth, predicted, Classes);
        Assert.Equal(new[] { new[] { 3, 1, 0 }, new[] { 0, 2, 0 }, new[] { 1, 0, 1 } }, m.ConfusionRows());
        Assert.Equal(6.0 / 8, m.Accuracy, 12);
        // recalls 3/4, 1, 1/2; precisions 3/4, 2/3, 1
        Assert.Equal((0.75 + 1 + 0.5) / 3, m.BalancedAccuracy, 12);
        double f1a = 0.75, f1b = 2 * (2.0 / 3) / (2.0 / 3 + 1), f1c = 2 * 0.5 / 1.5;
        Assert.Equal((f1a + f1b + f1c) / 3, m.MacroF1, 12);
        Assert.Equal(2.0 / 3, m.PerClass["b"].Precision, 12);
        Assert.Equal(2, m.PerClass["c"].Support);
    }

    [Fact]
    public void ClassesAbsentFromTheTruthDoNotCountInMacroAverages()
    {
        var m = ClassificationMetrics.FromPredictions([0, 0, 1], [0, 0, 1], Classes);
        Assert.Equal(1.0, m.BalancedAccuracy, 12);
        Assert.Equal(1.0, m.MacroF1, 12);
        Assert.Equal(0, m.PerClass["c"].Support);
    }
}
