using EmoAug.Generators;
using EmoAug.Generators.CycleGan;
using EmoAug.Runtime;
using Xunit;
using static TorchSharp.torch;

namespace EmoAug.Tests.Gan;

public class GanLossTests
{
    public GanLossTests() => TorchRuntime.Ensure();

    [Fact]
    public void LeastSquaresPullsRealScoresToOneAndFakeScoresToZero()
    {
        using var scores = tensor(new float[] { 0.5f, 1.5f, 1f, 3f });
        using var real = GanLosses.LeastSquares(scores, real: true);
        using var fake = GanLosses.LeastSquares(scores, real: false);
        Assert.Equal((0.25 + 0.25 + 0 + 4) / 4, real.item<float>(), 5);
        Assert.Equal((0.25 + 2.25 + 1 + 9) / 4, fake.item<float>(), 5);
    }

    [Fact]
    public void DiscriminatorLossIsHalfTheSumOfItsTerms()
    {
        using var one = ones(2, 1, 4, 4);
        using var zero = zeros(2, 1, 4, 4);
        using var perfect = GanLosses.Discriminator(one, zero);
        using var wrong = GanLosses.Discriminator(zero, one);
        Assert.Equal(0f, perfect.item<float>());
        Assert.Equal(1f, wrong.item<float>(), 6);
    }

    [Fact]
    public void L1IsTheMeanAbsoluteDifference()
    {
        using var a = tensor(new float[] { 1, -1, 0.5f, 0 });
        using var b = tensor(new float[] { 0, 1, 0.5f, -0.5f });
        using var loss = GanLosses.L1(a, b);
        Assert.Equal((1 + 2 + 0 + 0.5) / 4, loss.item<float>(), 6);
    }

    [Fact]
    public void AWeightedLossIsTheProductWithAScalarInTheLossesTypeAndCarriesItsGradient()
    {
        foreach (var type in new[] { ScalarType.Float32, ScalarType.Float64 }) // the trainers' losses are float32
        {
            using var loss = tensor(new float[] { 0.7f, 1.3f }).to_type(type).requires_grad_();
            using var sum = loss.sum();
            using var weighted = GanLosses.Weighted(sum, 0.1);
            using var expected = sum * 0.1;
            Assert.Equal(type, weighted.dtype);
            Assert.Equal(expected.to_type(ScalarType.Float64).item<double>(), weighted.to_type(ScalarType.Float64).item<double>());
            weighted.backward();
            using var grad = loss.grad!.to_type(ScalarType.Float32);
            Assert.Equal(new[] { 0.1f, 0.1f }, grad.data<float>().ToArray().Select(g => MathF.Round(g, 3)));
        }
    }

    [Fact]
    public void LearningRateIsConstantThenFallsLinearly()
    {
        var options = new CycleGanOptions(Epochs: 2, DecayEpochs: 3);
        Assert.Equal(1.0, options.LearningRateFactor(0));
        Assert.Equal(1.0, options.LearningRateFactor(1));
        Assert.Equal(0.75, options.LearningRateFactor(2), 10);
        Assert.Equal(0.25, options.LearningRateFactor(4), 10);
    }
}
