using EmoAug.Evaluation;
using Xunit;

namespace EmoAug.Tests;

public class StatisticsTests
{
    [Theory]
    [InlineData(0.975, 2, 4.303)]
    [InlineData(0.975, 9, 2.262)]
    [InlineData(0.975, 1, 12.706)]
    [InlineData(0.995, 5, 4.032)]
    [InlineData(0.95, 30, 1.697)]
    [InlineData(0.975, 1000, 1.962)]
    public void TQuantilesMatchPublishedTables(double p, double df, double expected)
    {
        Assert.Equal(expected, StudentT.Quantile(p, df), 3);
        Assert.Equal(-expected, StudentT.Quantile(1 - p, df), 3);
    }

    [Theory]
    [InlineData(0.6)]
    [InlineData(0.9)]
    [InlineData(0.999)]
    public void TQuantilesMatchClosedFormsForOneAndTwoDegrees(double p)
    {
        Assert.Equal(Math.Tan(Math.PI * (p - 0.5)), StudentT.Quantile(p, 1), 8); // Cauchy
        Assert.Equal((2 * p - 1) / Math.Sqrt(2 * p * (1 - p)), StudentT.Quantile(p, 2), 8);
    }

    [Fact]
    public void FractionalDegreesOfFreedomLieBetweenTheirNeighbours()
    {
        double t3 = StudentT.Quantile(0.975, 3), t35 = StudentT.Quantile(0.975, 3.5), t4 = StudentT.Quantile(0.975, 4);
        Assert.True(t3 > t35 && t35 > t4, $"{t3} > {t35} > {t4}");
    }

    [Fact]
    public void MeanAndSampleStandardDeviationMatchHandValues()
    {
        double[] values = [2, 4, 4, 4, 5, 5, 7, 9];
        Assert.Equal(5, Statistics.Mean(values), 12);
        Assert.Equal(Math.Sqrt(32.0 / 7), Statistics.SampleStandardDeviation(values), 12);
        Assert.True(double.IsNaN(Statistics.SampleStandardDeviation([3.0])));
    }

    [Fact]
    public void MeanIntervalUsesTheTQuantileOfNMinusOne()
    {
        var ci = Statistics.MeanInterval([1.0, 2, 3]);
        // s = 1, n = 3: half-width = 4.3027 / sqrt(3) = 2.4841
        Assert.Equal(2, ci.Estimate, 12);
        Assert.Equal(2 - 2.4841, ci.Lower, 3);
        Assert.Equal(2 + 2.4841, ci.Upper, 3);
        Assert.True(double.IsNaN(Statistics.MeanInterval([1.0]).Lower));
    }

    [Fact]
    public void PairedDifferenceIsTheIntervalOfPerSeedDifferences()
    {
        double[] gan = [0.80, 0.82, 0.79], baseline = [0.75, 0.80, 0.74];
        var ci = Statistics.DifferenceInterval(gan, baseline, paired: true);
        // differences 0.05, 0.02, 0.05: mean 0.04, s = 0.017321, half-width = 4.3027 * 0.017321 / sqrt(3) = 0.043027
        Assert.Equal(0.04, ci.Estimate, 10);
        Assert.Equal(0.04 - 0.043027, ci.Lower, 5);
        Assert.Equal(0.04 + 0.043027, ci.Upper, 5);
        Assert.False(ci.ExcludesZero);
        Assert.Throws<ArgumentException>(() => Statistics.DifferenceInterval([1.0, 2], [1.0], paired: true));
    }

    [Fact]
    public void WelchDifferenceUsesWelchSatterthwaiteDegrees()
    {
        double[] a = [1, 2, 3, 4, 5], b = [2, 4, 6];
        var ci = Statistics.DifferenceInterval(a, b, paired: false);
        // var(a)/5 = 0.5, var(b)/3 = 4/3; df = (11/6)^2 / (0.25/4 + (16/9)/2) = 3.5328
        double se = Math.Sqrt(0.5 + 4.0 / 3);
        double df = (11.0 / 6) * (11.0 / 6) / (0.25 / 4 + 16.0 / 9 / 2);
        Assert.Equal(3.5328, df, 4);
        Assert.Equal(-1, ci.Estimate, 12);
        Assert.Equal(StudentT.Quantile(0.975, df) * se, ci.HalfWidth, 9);
        Assert.InRange(ci.HalfWidth, 2.776 * se * 0.9, 3.182 * se); // between the df = 4 and df = 3 intervals
    }

    [Fact]
    public void BootstrapIsSeededAndCoversTheMean()
    {
        var random = new Random(3);
        var values = Enumerable.Range(0, 400).Select(_ => random.NextDouble()).ToArray();
        double Mean(IReadOnlyList<int> idx) => idx.Average(i => values[i]);
        var first = Statistics.BootstrapInterval(values.Length, Mean, seed: 7, resamples: 500);
        var again = Statistics.BootstrapInterval(values.Length, Mean, seed: 7, resamples: 500);
        Assert.Equal(first, again);
        Assert.Equal(values.Average(), first.Estimate, 12);
        Assert.True(first.Lower < first.Estimate && first.Estimate < first.Upper);
        // Normal theory: half-width ~ 1.96 * sd / sqrt(n) (uniform sd = 0.2887) = 0.0283.
        Assert.InRange(first.HalfWidth, 0.0283 * 0.8, 0.0283 * 1.2);
    }
}
