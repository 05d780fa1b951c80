using EmoAug.Generators;
using EmoAug.Generators.CycleGan;
using EmoAug.Runtime;
using EmoAug.Training;
using Xunit;
using static TorchSharp.torch;

namespace EmoAug.Tests.Gan;

public class DiffAugmentTests
{
    public DiffAugmentTests() => TorchRuntime.Ensure();

    [Fact]
    public void TheSameDrawsGiveTheSameFacesAndOtherDrawsOtherFaces()
    {
        using var faces = rand(new long[] { 3, 1, 16, 16 }, generator: new TorchSharp.torch.Generator(5)) * 2 - 1;
        using var first = DiffAugment.Apply(faces, new Random(1));
        using var again = DiffAugment.Apply(faces, new Random(1));
        using var other = DiffAugment.Apply(faces, new Random(2));
        Assert.Equal(faces.shape, first.shape);
        Assert.True(first.eq(again).all().item<bool>());
        Assert.False(first.eq(other).all().item<bool>());
    }

    [Fact]
    public void AConstantFaceKeepsOneShiftedValueOutsideTheBlankedSquareAndBorder()
    {
        // Contrast leaves a constant face constant and brightness moves it by at most 0.5, so a face of 2 becomes one
        // value in [1.5, 2.5]; translation and cutout add zeros: at least the quarter-side square of a clipped cutout.
        using var faces = full(new long[] { 4, 1, 16, 16 }, 2f);
        using var augmented = DiffAugment.Apply(faces, new Random(7));
        for (int i = 0; i < 4; i++)
        {
            var values = augmented[i].flatten().data<float>().ToArray();
            var nonZero = values.Where(v => v != 0).Distinct().ToArray();
            Assert.Single(nonZero);
            Assert.InRange(nonZero[0], 1.5f, 2.5f);
            Assert.True(values.Count(v => v == 0) >= 4 * 4, $"face {i}: {values.Count(v => v == 0)} blanked pixels");
            Assert.True(values.Count(v => v == 0) <= 16 * 16 - 14 * 14 + 8 * 8, $"face {i}: too many blanked pixels");
        }
    }

    [Fact]
    public void GradientsFlowToTheFacesThatWereKept()
    {
        using var faces = (rand(new long[] { 2, 1, 16, 16 }, generator: new TorchSharp.torch.Generator(3)) * 2 - 1).requires_grad_(true);
        using var augmented = DiffAugment.Apply(faces, new Random(4));
        augmented.sum().backward();
        var gradient = faces.grad!.flatten().data<float>().ToArray();
        Assert.Contains(gradient, g => g != 0);
        Assert.True(gradient.Distinct().Count() > 1, "kept pixels and blanked or shifted-out ones must get different gradients");
        Assert.All(gradient, g => Assert.True(float.IsFinite(g)));
    }
}
