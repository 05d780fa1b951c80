using EmoAug.Models;
using EmoAug.Runtime;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace EmoAug.Tests.Classifier;

public class ModelShapeTests
{
    [Theory]
    [InlineData("paper-cnn", 48, 192)]
    [InlineData("paper-cnn", 64, 192)]
    [InlineData("vgg", 48, 256)]
    [InlineData("vgg", 64, 256)]
    public void LogitsAndFeaturesHaveTheRightShape(string name, int size, int featureSize)
    {
        TorchRuntime.Ensure();
        using var model = ClassifierModels.Create(ClosedSet.Parse<ClassifierNetwork>(name, "--network"), 7, size);
        model.eval();
        using var x = randn(3, 1, size, size);
        using var logits = model.forward(x);
        using var features = model.Features(x);
        Assert.Equal(new long[] { 3, 7 }, logits.shape);
        Assert.Equal(new long[] { 3, featureSize }, features.shape);
        Assert.Equal(featureSize, model.FeatureSize);
    }

    [Theory]
    [InlineData(48, 6)]
    [InlineData(64, 8)]
    public void PaperCnnExtraConvAddsAThirdConvolutionAndPool(int size, int pooledSide)
    {
        TorchRuntime.Ensure();
        using var plain = ClassifierModels.Create(ClassifierNetwork.PaperCnn, 7, size);
        using var model = ClassifierModels.Create(ClassifierNetwork.PaperCnn, 7, size, new ModelOptions(ExtraConv: true));
        var parameters = model.named_parameters().ToDictionary(p => p.name, p => p.parameter.shape);
        Assert.Equal(new long[] { 128, 64, 3, 3 }, parameters["conv3.weight"]);
        Assert.Equal(new long[] { 384, 128L * pooledSide * pooledSide }, parameters["fc1.weight"]);
        Assert.DoesNotContain(plain.named_parameters(), p => p.name.StartsWith("conv3"));
        model.eval();
        using var x = randn(3, 1, size, size);
        using var logits = model.forward(x);
        Assert.Equal(new long[] { 3, 7 }, logits.shape);
    }

    [Theory]
    [InlineData(48)]
    [InlineData(20)]
    public void PaperCnnFirstConvolutionEqualsTheConvolutionItStandsFor(int size)
    {
        TorchRuntime.Ensure();
        manual_seed(3);
        using var model = new PaperCnn(7, size);
        var parameters = model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        using var x = randn(5, 1, size, size);

        using var fast = model.FirstConvolution(x);
        using var fastLoss = (fast * fast).sum();
        fastLoss.backward();
        using var fastGradient = parameters["conv1.weight"].grad!.clone();
        model.zero_grad();
        using var plain = nn.functional.conv2d(x, parameters["conv1.weight"], parameters["conv1.bias"], padding: [2, 2]);
        using var plainLoss = (plain * plain).sum();
        plainLoss.backward();

        Assert.Equal(new long[] { 5, 64, size, size }, fast.shape);
        Assert.True(fast.allclose(plain, rtol: 1e-5, atol: 1e-5), $"largest difference {(fast - plain).abs().max().item<float>()}");
        Assert.True(fastGradient.allclose(parameters["conv1.weight"].grad!, rtol: 1e-4, atol: 1e-3), "weight gradients differ");
        Assert.True(fast.stride(1) == 1, "the result is stored channels-last");
    }

    [Fact]
    public void ExtraConvIsRefusedForVgg()
    {
        var ex = Assert.Throws<EmoAugException>(() => ClassifierModels.Create(ClassifierNetwork.Vgg, 7, 48, new ModelOptions(ExtraConv: true)));
        Assert.Contains("--extra-conv", ex.Message);
    }

    [Fact]
    public void CrossChannelNormMatchesTorchLocalResponseNorm()
    {
        TorchRuntime.Ensure();
        manual_seed(1);
        using var x = randn(2, 64, 5, 5).mul_(3);
        using var reference = nn.LocalResponseNorm(9, 0.001, 0.75, 1.0);
        using var ours = new CrossChannelNorm(9, 0.001, 0.75, 1.0);
        using var expected = reference.forward(x);
        using var actual = ours.forward(x);
        Assert.True(actual.allclose(expected, rtol: 1e-5, atol: 1e-6));
        using var odd = new CrossChannelNorm(4, 0.01, 0.5, 2.0);
        using var oddReference = nn.LocalResponseNorm(4, 0.01, 0.5, 2.0);
        using var a = odd.forward(x);
        using var b = oddReference.forward(x);
        Assert.True(a.allclose(b, rtol: 1e-5, atol: 1e-6));
    }
}
