using EmoAug.Evaluation;
using EmoAug.Runtime;
using Xunit;
using static TorchSharp.torch;

namespace EmoAug.Tests.Gan;

public class KernelInceptionDistanceTests
{
    public KernelInceptionDistanceTests() => TorchRuntime.Ensure();

    [Fact]
    public void NearZeroForTheSameDistributionAndLargerForDifferentOnes()
    {
        manual_seed(5);
        using var a = randn(400, 16);
        using var b = randn(400, 16);
        using var shifted = randn(400, 16) + 0.5;
        var same = KernelInceptionDistance.Compute(a, b, subsets: 20, subsetSize: 200);
        var different = KernelInceptionDistance.Compute(a, shifted, subsets: 20, subsetSize: 200);
        Assert.InRange(Math.Abs(same.Mean), 0, 0.02);
        Assert.True(different.Mean > 10 * Math.Max(Math.Abs(same.Mean), same.StandardError), $"{different} vs {same}");
        Assert.True(different.Mean > different.StandardError * 5);
        Assert.Equal(200, same.SubsetSize);
    }

    [Fact]
    public void MatchesTheUnbiasedEstimateWrittenOut()
    {
        // One subset covering all rows: the plain unbiased MMD^2 with k(x,y) = (x.y/d + 1)^3.
        var x = new float[,] { { 1, 0 }, { 0, 1 }, { 1, 1 } };
        var y = new float[,] { { 0, 0 }, { 2, 0 }, { 0, 2 } };
        double K(float[,] p, int i, float[,] q, int j) => Math.Pow((p[i, 0] * q[j, 0] + p[i, 1] * q[j, 1]) / 2.0 + 1, 3);
        double xx = 0, yy = 0, xy = 0;
        for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
        {
            if (i != j) { xx += K(x, i, x, j); yy += K(y, i, y, j); }
            xy += K(x, i, y, j);
        }
        double expected = (xx + yy) / 6 - 2 * xy / 9;
        var kid = KernelInceptionDistance.Compute(x, y, subsets: 1);
        Assert.Equal(expected, kid.Mean, 9);
    }

    [Fact]
    public void GanQualityCountsTargetLabelsAndMeasuresIdentityOnTheUnitScale()
    {
        using var generated = full(new long[] { 4, 1, 2, 2 }, 100, ScalarType.Byte);
        using var sources = full(new long[] { 4, 1, 2, 2 }, 151, ScalarType.Byte);
        using var real = randint(0, 255, [6, 1, 2, 2]).to_type(ScalarType.Byte);
        // A stub classifier: calls the first 3 generated images class 1, the rest class 0.
        var calls = 0;
        Tensor Logits(Tensor images)
        {
            var n = images.shape[0];
            var logits = zeros(n, 2);
            for (int i = 0; i < n; i++) logits[i, calls < 3 ? 1 : 0] = tensor(1f);
            calls += (int)n;
            return logits;
        }
        Tensor Features(Tensor images) => images.flatten(1).to_type(ScalarType.Float32) / 255;
        var report = GanQuality.Compute(generated, sources, real, targetIndex: 1, ["neutral", "disgust"], Features,
            Logits, kidSubsets: 3, batchSize: 1);
        Assert.Equal(0.75, report.GanTest, 10);
        Assert.Equal("disgust", report.TargetClass);
        Assert.Equal(0.25, report.GeneratedLabels["neutral"], 10);
        Assert.Equal(0.75, report.GeneratedLabels["disgust"], 10);
        Assert.Equal(51 / 255.0, report.IdentityL1, 10);
        Assert.Equal(4, report.Generated);
        Assert.Contains("\"GanTest\"", report.ToJson());
    }

    [Fact]
    public void GanTestComesWithItsFloorOnSourceFacesAndCeilingOnRealTargetFaces()
    {
        // A stub classifier that calls a face class 1 (the target) when its mean pixel is under 128.
        static Tensor Logits(Tensor images)
        {
            var dark = images.to_type(ScalarType.Float32).flatten(1).mean([1]).lt(128).to_type(ScalarType.Float32);
            return stack([1 - dark, dark], 1);
        }
        static Tensor Features(Tensor images) => images.flatten(1).to_type(ScalarType.Float32) / 255;
        using var generated = cat([full(new long[] { 3, 1, 2, 2 }, 40, ScalarType.Byte), full(new long[] { 1, 1, 2, 2 }, 200, ScalarType.Byte)]);
        using var sources = full(new long[] { 4, 1, 2, 2 }, 200, ScalarType.Byte);
        using var real = cat([full(new long[] { 5, 1, 2, 2 }, 30, ScalarType.Byte), full(new long[] { 5, 1, 2, 2 }, 220, ScalarType.Byte)]);
        var report = GanQuality.Compute(generated, sources, real, targetIndex: 1, ["neutral", "disgust"], Features, Logits,
            kidSubsets: 3, batchSize: 3);
        Assert.Equal(0.75, report.GanTest, 10);
        Assert.Equal(0.0, report.SourceAsTarget, 10);
        Assert.Equal(0.5, report.RealAsTarget, 10);
    }
}

public class KernelInceptionDistanceSmallSetTests
{
    [Fact]
    public void EqualSmallSetsStillGetASpreadAcrossSubsets()
    {
        // 40 rows each, subsets of "1000": capped at 40 every subset would be both whole sets and the error zero.
        TorchSharp.torch.manual_seed(3);
        using var real = TorchSharp.torch.randn(40, 8);
        using var generated = TorchSharp.torch.randn(40, 8) + 0.5;
        var kid = EmoAug.Evaluation.KernelInceptionDistance.Compute(real, generated, subsets: 20);
        Assert.Equal(20, kid.SubsetSize);
        Assert.True(kid.StandardError > 1e-6, $"standard error {kid.StandardError}");
        Assert.True(kid.Mean > 0);
    }
}
