using EmoAug.Generators;
using EmoAug.Generators.CycleGan;
using EmoAug.Runtime;
using EmoAug.Training;
using Xunit;
using static TorchSharp.torch;

namespace EmoAug.Tests.Gan;

/// <summary>`train-gan --guide-augment`: the guides judge mirrored, shifted and blurred translations.</summary>
public class GuideAugmentTests
{
    public GuideAugmentTests() => TorchRuntime.Ensure();

    [Fact]
    public void TheSameDrawsGiveTheSameFacesAndOtherDrawsOtherFaces()
    {
        using var faces = rand(new long[] { 4, 1, 24, 24 }, generator: new TorchSharp.torch.Generator(5)) * 2 - 1;
        using var first = GuideAugment.Apply(faces, new Random(1));
        using var again = GuideAugment.Apply(faces, new Random(1));
        using var other = GuideAugment.Apply(faces, new Random(2));
        Assert.Equal(faces.shape, first.shape);
        Assert.True(first.eq(again).all().item<bool>());
        Assert.False(first.eq(other).all().item<bool>());
    }

    [Fact]
    public void AConstantFaceStaysConstant()
    {
        // The border is repeated and the blur's weights sum to one, so nothing dark creeps in from the edges.
        using var faces = full(new long[] { 8, 1, 24, 24 }, 0.5f);
        using var augmented = GuideAugment.Apply(faces, new Random(3));
        Assert.True(augmented.eq(0.5f).all().item<bool>());
    }

    [Fact]
    public void ABrightDotIsMirroredOrNot_ShiftedAtMostTwoPixels_AndBlurredOrNot()
    {
        // One bright pixel at row 12, column 5 of a 24x24 face: mirrored it is at column 18; the shift moves it by up
        // to 24/12 = 2 pixels each way; the blur spreads it over 3x3 pixels. 64 faces draw every case.
        using var faces = zeros(64, 1, 24, 24);
        faces[.., .., 12, 5] = tensor(1f);
        using var augmented = GuideAugment.Apply(faces, new Random(11));
        int mirrored = 0, blurred = 0;
        for (int i = 0; i < 64; i++)
        {
            var pixels = augmented[i, 0].data<float>().ToArray();
            var lit = Enumerable.Range(0, pixels.Length).Where(p => pixels[p] > 0).ToArray();
            Assert.True(lit.Length is 1 or 9, $"face {i}: {lit.Length} lit pixels");
            if (lit.Length == 9) blurred++;
            int brightest = Array.IndexOf(pixels, pixels.Max());
            int row = brightest / 24, column = brightest % 24;
            Assert.InRange(row, 10, 14);
            bool left = Math.Abs(column - 5) <= 2, right = Math.Abs(column - 18) <= 2;
            Assert.True(left || right, $"face {i}: dot at column {column}");
            if (right) mirrored++;
            Assert.Equal(1f, pixels.Sum(), 4); // the blur moves brightness, it does not add any
        }
        Assert.InRange(mirrored, 16, 48);
        Assert.InRange(blurred, 16, 48);
    }

    [Fact]
    public void GradientsReachTheFaces()
    {
        using var faces = (rand(new long[] { 4, 1, 24, 24 }, generator: new TorchSharp.torch.Generator(3)) * 2 - 1).requires_grad_(true);
        using var augmented = GuideAugment.Apply(faces, new Random(4));
        augmented.pow(2).sum().backward();
        var gradient = faces.grad!.flatten().data<float>().ToArray();
        Assert.Contains(gradient, g => g != 0);
        Assert.All(gradient, g => Assert.True(float.IsFinite(g)));
    }
}
