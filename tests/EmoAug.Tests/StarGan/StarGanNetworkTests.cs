using EmoAug.Generators;
using EmoAug.Generators.CycleGan;
using EmoAug.Generators.StarGan;
using EmoAug.Models;
using EmoAug.Training;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace EmoAug.Tests.StarGan;

[Collection(SharedRandomGenerator.Name)]
public class StarGanNetworkTests
{
    [Fact]
    public void TheGeneratorKeepsTheFaceSizeAndRangeAndItsTargetChangesTheOutput()
    {
        manual_seed(1);
        using var generator = new StarGanGenerator(classes: 7, ngf: 8, blocks: 1);
        using var faces = rand(3, 1, 48, 48) * 2 - 1;
        using var toHappy = tensor(new long[] { 3, 3, 3 });
        using var toSad = tensor(new long[] { 4, 4, 4 });
        using var happy = generator.call(faces, toHappy);
        using var sad = generator.call(faces, toSad);
        Assert.Equal(new long[] { 3, 1, 48, 48 }, happy.shape);
        Assert.True(happy.abs().max().item<float>() <= 1f);
        Assert.True((happy - sad).abs().max().item<float>() > 1e-4, "the target class must reach the output");
    }

    [Fact]
    public void WithAttentionTheOutputMixesTheInputAndThePaintedFaceByTheMask()
    {
        manual_seed(2);
        using var generator = new StarGanGenerator(classes: 7, ngf: 8, blocks: 1, attention: true);
        Assert.True(generator.Attention);
        using var faces = rand(2, 1, 32, 32) * 2 - 1;
        using var targets = tensor(new long[] { 1, 5 });
        var (output, mask) = generator.Translate(faces, targets);
        using (output)
        using (mask)
        {
            Assert.NotNull(mask);
            Assert.Equal(faces.shape, mask!.shape);
            Assert.InRange(mask.min().item<float>(), 0f, 1f);
            Assert.InRange(mask.max().item<float>(), 0f, 1f);
            // Where the mask is near 1 the pixel is the input's: output - input = (1 - A)(C - input), |C - input| <= 2.
            using var bound = (1 - mask) * 2 + 1e-5;
            Assert.True((output - faces).abs().le(bound).all().item<bool>());
        }
    }

    [Fact]
    public void TheDiscriminatorGivesPatchScoresAndOneLogitPerClass()
    {
        using var discriminator = new StarGanDiscriminator(classes: 7, size: 48, ndf: 8, layers: 4);
        using var faces = rand(5, 1, 48, 48);
        var (scores, logits) = discriminator.call(faces);
        Assert.Equal(new long[] { 5, 1, 3, 3 }, scores.shape);
        Assert.Equal(new long[] { 5, 7 }, logits.shape);
        Assert.Throws<ArgumentOutOfRangeException>(() => new StarGanDiscriminator(7, 48, 8, layers: 5));
    }

    [Fact]
    public void InBFloat16TheNetworksGiveFloat32OutputsCloseToTheirFloat32Selves()
    {
        manual_seed(3);
        using var exact = new StarGanGenerator(7, ngf: 8, blocks: 1);
        manual_seed(3);
        using var reduced = new StarGanGenerator(7, ngf: 8, blocks: 1, precision: ComputePrecision.Of("bfloat16"));
        using var faces = rand(2, 1, 32, 32) * 2 - 1;
        using var targets = tensor(new long[] { 0, 6 });
        using var a = exact.call(faces, targets);
        using var b = reduced.call(faces, targets);
        Assert.Equal(ScalarType.Float32, b.dtype);
        double difference = (a - b).abs().mean().item<float>();
        Assert.True(difference is > 0 and < 0.02, $"mean difference {difference}: bfloat16 must round the products, not change the network");

        manual_seed(4);
        using var cycle = new ResnetGenerator(8, 1);
        manual_seed(4);
        using var cycleReduced = new ResnetGenerator(8, 1, precision: ComputePrecision.Of("bfloat16"));
        using var c = cycle.call(faces);
        using var d = cycleReduced.call(faces);
        double cycleDifference = (c - d).abs().mean().item<float>();
        Assert.True(cycleDifference is > 0 and < 0.02, $"CycleGAN generator: mean difference {cycleDifference}");
    }
}
