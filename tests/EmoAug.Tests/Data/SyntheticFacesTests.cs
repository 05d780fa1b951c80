using EmoAug.Data;
using EmoAug.Data.Synthetic;
using EmoAug.Evaluation;
using EmoAug.Runtime;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace EmoAug.Tests.Data;

/// <summary>The default synthetic set, drawn once for the tests that read it (drawing it takes about a second).</summary>
public sealed class DefaultSyntheticSet : IDisposable
{
    public DefaultSyntheticSet()
    {
        TorchRuntime.Ensure();
        Data = SyntheticFaces.Generate(SyntheticOptions.Parse("synthetic"));
    }

    public FaceDataset Data { get; }

    public void Dispose() => Data.Dispose();
}

public class SyntheticFacesTests(DefaultSyntheticSet defaults) : IClassFixture<DefaultSyntheticSet>
{
    const string Small = "synthetic:train=300,val=60,test=60";

    static FaceDataset Generate(string spec)
    {
        TorchRuntime.Ensure();
        return SyntheticFaces.Generate(SyntheticOptions.Parse(spec));
    }

    static byte[] Pixels(FaceDataset d) => d.Images.data<byte>().ToArray();

    [Fact]
    public void ASetTooLargeForMemoryIsRefusedBeforeAnyFaceIsDrawn()
    {
        var error = Assert.Throws<EmoAugException>(() => SyntheticOptions.Parse("synthetic:train=2000000000,size=256")).Message;
        Assert.StartsWith("synthetic:train=2000000000,size=256: needs about", error);
        Assert.Contains("GiB", error);
    }

    [Fact]
    public void SameSeedGivesTheSameFacesBitForBit()
    {
        using var a = Generate(Small + ",seed=5");
        using var b = Generate(Small + ",seed=5");
        Assert.Equal(Pixels(a), Pixels(b));
        Assert.Equal(a.LabelArray(), b.LabelArray());
        Assert.Equal(a.Samples, b.Samples);
    }

    [Fact]
    public void AnotherSeedGivesOtherFaces()
    {
        using var a = Generate(Small + ",seed=5");
        using var b = Generate(Small + ",seed=6");
        var pa = Pixels(a);
        var pb = Pixels(b);
        int differing = pa.Zip(pb).Count(p => Math.Abs(p.First - p.Second) > 10);
        Assert.True(differing > pa.Length / 4, $"only {differing} of {pa.Length} pixels differ");
    }

    [Fact]
    public void DefaultsAre48PixelGrayFacesInThreeSplitsWithFer2013Classes()
    {
        var d = defaults.Data;
        Assert.Equal(SyntheticFaces.Name, d.Format);
        Assert.Equal((48, 48), (d.Height, d.Width));
        Assert.Equal(EmotionVocabulary.Basic, d.ClassNames);
        Assert.Equal(["train", "val", "test"], d.SplitNames());
        var options = new SyntheticOptions();
        Assert.Equal(options.TrainCount + options.ValCount + options.TestCount, d.Count);
    }

    [Fact]
    public void ClassesAreImbalancedLikeFer2013WithEnoughDisgustToTrainAGan()
    {
        using var train = defaults.Data.WhereSplit("train");
        var counts = train.ClassCounts();
        Assert.Equal(EmotionVocabulary.Disgust, Array.IndexOf(counts, counts.Min()));
        Assert.Equal(EmotionVocabulary.Happy, Array.IndexOf(counts, counts.Max()));
        double disgustShare = counts[EmotionVocabulary.Disgust] / (double)train.Count;
        Assert.InRange(disgustShare, 0.01, 0.02);
        Assert.True(counts[EmotionVocabulary.Disgust] >= 30, $"{counts[EmotionVocabulary.Disgust]} disgust faces");
    }

    [Fact]
    public void EverySplitHasAllSevenClasses()
    {
        foreach (var split in new[] { "train", "val", "test" })
        {
            using var part = defaults.Data.WhereSplit(split);
            Assert.All(part.ClassCounts().Take(7), count => Assert.True(count > 0, $"{split}: a class is empty"));
        }
    }

    [Fact]
    public void SubjectsAreRecordedAndSpreadOverTheSplits()
    {
        using var d = Generate(Small + ",subjects=12");
        Assert.All(d.Samples, s => Assert.Matches("^S[0-9]{2}$", s.Subject!));
        Assert.Equal(12, d.Samples.Select(s => s.Subject).Distinct().Count());
        Assert.True(d.Samples.Where(s => s.Split == "test").Select(s => s.Subject).Distinct().Count() > 6);
    }

    [Fact]
    public void ClassCountsAddUpAndKeepEveryClass()
    {
        foreach (var total in new[] { 7, 50, 300, 2400, 9999 })
        {
            var counts = SyntheticFaces.ClassCounts(total);
            Assert.Equal(total, counts.Sum());
            Assert.All(counts, c => Assert.True(c >= 1));
        }
    }

    [Fact]
    public void ParseReadsEveryKeyOverTheDefaults()
    {
        var options = SyntheticOptions.Parse("synthetic:seed=3, train=500,val=40,test=41,size=64,subjects=9");
        Assert.Equal(new SyntheticOptions(Seed: 3, Size: 64, TrainCount: 500, ValCount: 40, TestCount: 41, Subjects: 9),
            options);
        Assert.Equal(new SyntheticOptions(), SyntheticOptions.Parse("Synthetic"));
        Assert.Equal(32, SyntheticOptions.Parse("synthetic:seed=1", new SyntheticOptions(Size: 32)).Size);
    }

    [Theory]
    [InlineData("synthetic:colour=3", "'colour'")]
    [InlineData("synthetic:seed=x", "seed=x")]
    [InlineData("synthetic:train", "'train'")]
    [InlineData("synthetic:size=8", "size=8")]
    [InlineData("synthetic:train=-1", "negative")]
    public void ParseRejectsBadSpecsNamingTheKey(string spec, string expected)
    {
        var ex = Assert.Throws<EmoAugException>(() => SyntheticOptions.Parse(spec));
        Assert.Contains(expected, ex.Message);
        Assert.StartsWith(spec, ex.Message);
    }

    [Fact]
    public void LoaderAcceptsASpecAndItsSize()
    {
        TorchRuntime.Ensure();
        using var d = DatasetLoader.Load("synthetic:seed=2,train=70,val=7,test=14", new LoadOptions(Size: 32));
        Assert.Equal(91, d.Count);
        Assert.Equal((32, 32), (d.Height, d.Width));
        Assert.False(SyntheticOptions.IsSpec("synthetic_faces/train"));
    }

    [Fact]
    public void DisgustChangesTheFeaturesOfANeutralFaceAndNothingElse()
    {
        // What a neutral -> disgust GAN must learn: the same person, pose, light and noise, drawn neutral and
        // disgusted, differ at brows, eyes, nose and mouth, and nowhere else.
        const int size = 48;
        var neutral = new byte[size * size];
        var disgust = new byte[size * size];
        for (int subject = 0; subject < 8; subject++)
        {
            var identity = FaceIdentity.Draw(new Random(subject));
            FacePainter.Paint(neutral, size, identity, new FaceExpression(), new Random(10 + subject));
            var expression = new FaceExpression().Plus(FaceExpression.Prototype(EmotionVocabulary.Disgust, new Random(0)), 1);
            FacePainter.Paint(disgust, size, identity, expression, new Random(10 + subject));
            double Difference(int r0, int r1, int c0, int c1) =>
                Enumerable.Range(r0, r1 - r0).SelectMany(r => Enumerable.Range(c0, c1 - c0).Select(c => r * size + c))
                    .Average(i => Math.Abs(neutral[i] - disgust[i]));
            Assert.Equal(0, Difference(0, 3, 0, size));
            Assert.Equal(0, Difference(0, size, 0, 3));
            Assert.True(Difference(26, 40, 16, 32) > 4, $"subject {subject}: mouth region barely changes");
            Assert.True(Difference(12, 26, 12, 36) > 4, $"subject {subject}: brows, eyes and nose barely change");
        }
    }

    [Fact]
    public void LearnableButNotTrivial()
    {
        var d = defaults.Data;
        using var train = d.WhereSplit("train");
        using var test = d.WhereSplit("test");
        using var scope = NewDisposeScope();

        // A linear model on standardized, 2x-downsampled pixels, trained briefly, is well above chance
        // (the majority class, happy, is 25%; seven balanced guesses 14%).
        torch.manual_seed(0);
        var x = Features(train.Images);
        var xt = Features(test.Images);
        var model = nn.Linear(x.shape[1], 7);
        var optimizer = optim.Adam(model.parameters(), 0.003);
        for (int step = 0; step < 60; step++)
        {
            optimizer.zero_grad();
            nn.functional.cross_entropy(model.forward(x), train.Labels).backward();
            optimizer.step();
        }
        using (no_grad())
        {
            var metrics = ClassificationMetrics.FromPredictions(test.LabelArray(),
                model.forward(xt).argmax(1).data<long>().ToArray(), d.ClassNames);
            Assert.True(metrics.Accuracy > 0.35, $"linear model accuracy {metrics.Accuracy:F3}");
            Assert.True(metrics.BalancedAccuracy > 0.25, $"linear model balanced accuracy {metrics.BalancedAccuracy:F3}");
        }

        // ...but nearest class mean on raw pixels is far from solving it: pose, light and identity vary.
        var raw = train.Images.to_type(ScalarType.Float32).reshape(train.Count, -1);
        var means = stack(Enumerable.Range(0, 7).Select(c => raw[train.Labels.eq(c)].mean([0])).ToArray());
        var nearest = cdist(test.Images.to_type(ScalarType.Float32).reshape(test.Count, -1), means).argmin(1);
        double centroidAccuracy = nearest.eq(test.Labels).to_type(ScalarType.Float32).mean().item<float>();
        Assert.True(centroidAccuracy < 0.9, $"nearest class mean accuracy {centroidAccuracy:F3}");
    }

    static Tensor Features(Tensor images)
    {
        var pooled = nn.functional.avg_pool2d(images.to_type(ScalarType.Float32), 2).reshape(images.shape[0], -1);
        return (pooled - pooled.mean([1], true)) / pooled.std(1, true, true);
    }
}
