using EmoAug.Training;
using Xunit;

namespace EmoAug.Tests.Classifier;

/// <summary>Option checks that library users meet without the CLI in front of them.</summary>
public class ClassifierOptionsTests
{
    [Fact]
    public void AugmentationStrengthsWithoutAugmentAreRefused()
    {
        var options = new ClassifierOptions(Augment: false, Augmentation: new ClassicAugmentation().Scaled(0.5));
        var error = Assert.Throws<EmoAugException>(options.Validate);
        Assert.Contains("--augment", error.Message);
        (options with { Augment = true }).Validate();
    }

    [Theory]
    [InlineData(1.5, 0.1, 0.1, "FlipProbability")]
    [InlineData(0.5, 0.6, 0.1, "MaxShift")]
    [InlineData(0.5, 0.1, 1.0, "MaxZoom")]
    [InlineData(0.5, -0.1, 0.1, "MaxShift")]
    public void AugmentationOutsideItsRangeIsRefusedByName(double flip, double shift, double zoom, string named)
    {
        var options = new ClassifierOptions(Augment: true,
            Augmentation: new ClassicAugmentation(FlipProbability: flip, MaxShift: shift, MaxZoom: zoom));
        var error = Assert.Throws<EmoAugException>(options.Validate);
        Assert.Contains(named, error.Message);
    }

    [Fact]
    public void DefaultAndHalfStrengthAugmentationAreAccepted()
    {
        new ClassicAugmentation().Validate();
        new ClassicAugmentation().Scaled(0.5).Validate();
        // Strength 4 takes the default shift (0.1) to 0.4, still on the image; 5 reaches 0.5 and is refused.
        new ClassicAugmentation().Scaled(4).Validate();
        Assert.Throws<EmoAugException>(new ClassicAugmentation().Scaled(5).Validate);
    }

    [Fact]
    public void StrengthZeroLeavesOnlyTheMirror()
    {
        var mirrorOnly = new ClassicAugmentation().Scaled(0);
        mirrorOnly.Validate();
        Assert.Equal(new ClassicAugmentation().FlipProbability, mirrorOnly.FlipProbability);
        Assert.Equal(new ClassicAugmentation(0.5, 0, 0, 0, 0, 0), mirrorOnly);
        Assert.Throws<EmoAugException>(() => new ClassicAugmentation().Scaled(-0.5));
    }
}
