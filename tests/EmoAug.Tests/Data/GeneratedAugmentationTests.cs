using EmoAug.Data;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;

namespace EmoAug.Tests.Data;

public sealed class GeneratedAugmentationTests : IDisposable
{
    readonly string folder = Path.Combine(Path.GetTempPath(), "emoaug-generated-" + Guid.NewGuid().ToString("N"));

    public GeneratedAugmentationTests()
    {
        Directory.CreateDirectory(Path.Combine(folder, "disgust"));
        for (int i = 0; i < 5; i++)
        {
            using var image = new Image<L8>(48, 48, new L8((byte)(40 * i)));
            image.SaveAsPng(Path.Combine(folder, "disgust", $"g{i}.png"));
        }
        File.WriteAllText(Path.Combine(folder, "manifest.csv"), "file,class\n");
    }

    [Fact]
    public void AddsOnlyToTheTrainingSplitWithACapPerClass()
    {
        using var real = SyntheticFaces.Generate(new SyntheticOptions(TrainCount: 400, ValCount: 50, TestCount: 60));
        int realDisgust = Count(real, "train", EmotionVocabulary.Disgust);

        var (capped, record) = GeneratedAugmentation.Add(real, folder, "2");
        using (capped)
        {
            Assert.Equal(2, record.Added["disgust"]);
            Assert.Equal(5, record.Available["disgust"]);
            Assert.Equal(realDisgust + 2, Count(capped, "train", EmotionVocabulary.Disgust));
            Assert.Equal(Count(real, "test", EmotionVocabulary.Disgust), Count(capped, "test", EmotionVocabulary.Disgust));
            Assert.Equal(real.Count + 2, capped.Count);
            Assert.EndsWith("g0.png", record.Files[0]);
        }

        var (shared, byShare) = GeneratedAugmentation.Add(real, folder, "0.5");
        using (shared) Assert.Equal(Math.Min(5, (int)Math.Round(0.5 * realDisgust)), byShare.Added["disgust"]);

        var ex = Assert.Throws<EmoAugException>(() => GeneratedAugmentation.Add(real, folder, "lots"));
        Assert.Contains("--augment-per-class lots", ex.Message);
    }

    static int Count(FaceDataset data, string split, int label) =>
        Enumerable.Range(0, data.Count).Count(i => data.Samples[i].Split == split && data.LabelArray()[i] == label);

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
