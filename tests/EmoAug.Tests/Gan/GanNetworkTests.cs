using EmoAug.Generators;
using EmoAug.Generators.CycleGan;
using EmoAug.Runtime;
using EmoAug.Training;
using TorchSharp;
using TorchSharp.Modules;
using Xunit;
using static TorchSharp.torch;

namespace EmoAug.Tests.Gan;

public class GanNetworkTests
{
    public GanNetworkTests() => TorchRuntime.Ensure();

    [Theory]
    [InlineData(48)]
    [InlineData(64)]
    public void GeneratorKeepsTheInputShapeAndRange(int size)
    {
        using var g = new ResnetGenerator(ngf: 8, blocks: 2);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = rand(3, 1, size, size) * 2 - 1;
        var y = g.call(x);
        Assert.Equal(new long[] { 3, 1, size, size }, y.shape);
        Assert.True(y.abs().max().item<float>() <= 1f);
    }

    [Fact]
    public void AResidualGeneratorStartsCloseToItsInputAndStaysInRange()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        manual_seed(5);
        var faces = rand(4, 1, 48, 48) * 2 - 1;
        faces[0, 0, 0] = ones(48); // pure white and black pixels must stay finite
        faces[0, 0, 1] = -ones(48);
        double Change(bool residual)
        {
            manual_seed(6);
            using var g = new ResnetGenerator(ngf: 8, blocks: 2, residual: residual);
            var y = g.call(faces);
            Assert.True(y.isfinite().all().item<bool>());
            Assert.True(y.abs().max().item<float>() <= 1f);
            return (y - faces).abs().mean().item<float>();
        }
        double plain = Change(false), residual = Change(true);
        // Untrained, the plain generator draws near-constant gray (change ~ mean |input| = 0.5); the residual one
        // returns the input plus a little noise.
        Assert.True(residual < plain / 2, $"mean change: residual {residual:F3}, plain {plain:F3}");
    }

    [Fact]
    public void DiscriminatorGivesAPatchMapAt48Pixels()
    {
        using var d = new PatchDiscriminator(ndf: 8, layers: 3);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var scores = d.call(rand(2, 1, 48, 48));
        Assert.Equal(new long[] { 2, 1, 4, 4 }, scores.shape);
        Assert.Equal(4, d.OutputSize(48));
        using var shallow = new PatchDiscriminator(ndf: 8, layers: 2);
        Assert.Equal(shallow.OutputSize(48), (int)shallow.call(rand(1, 1, 48, 48)).shape[2]);
    }

    [Fact]
    public void OutputLayersHaveNoNormalisationOrActivationButTanh()
    {
        using var g = new ResnetGenerator(ngf: 4, blocks: 1);
        using var d = new PatchDiscriminator(ndf: 4);
        var gLayers = g.Stages;
        Assert.IsType<Tanh>(gLayers[^1]);
        Assert.IsType<Conv2d>(gLayers[^2]);
        var dLayers = d.Stages;
        Assert.IsType<Conv2d>(dLayers[^1]);
        // No instance norm right after the discriminator's first convolution.
        Assert.IsType<LeakyReLU>(dLayers[1]);
    }

    [Fact]
    public void WeightsAreDrawnFromNormalWithStd002AndBiasesAreZero()
    {
        using var g = new ResnetGenerator(ngf: 32, blocks: 6);
        var weights = g.named_parameters().Where(p => p.name.EndsWith("weight")).Select(p => p.parameter.detach().flatten()).ToList();
        using var all = cat(weights, 0);
        Assert.InRange(all.std().item<float>(), 0.019, 0.021);
        Assert.InRange(all.mean().item<float>(), -0.001, 0.001);
        foreach (var (name, bias) in g.named_parameters().Where(p => p.name.EndsWith("bias")))
            Assert.Equal(0f, bias.abs().max().item<float>());
        // Instance norm without learnt scale and shift, as the reference (affine=False).
        var norms = g.modules().OfType<InstanceNorm2d>().ToList();
        Assert.Equal(2 * 6 + 5, norms.Count);
        Assert.All(norms, n => Assert.Null(n.weight));
    }

}
