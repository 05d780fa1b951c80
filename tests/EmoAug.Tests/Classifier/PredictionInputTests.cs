using EmoAug.Evaluation;
using EmoAug.Runtime;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;

namespace EmoAug.Tests.Classifier;

public class PredictionInputTests
{
    [Fact]
    public void ColourImagesOfAnySizeBecomeGraySquares()
    {
        TorchRuntime.Ensure();
        using var folder = new TempFolder();
        var path = folder.File("face.png");
        using (var image = new Image<Rgb24>(100, 60, new Rgb24(200, 200, 200))) image.SaveAsPng(path);
        var (faces, batch, noFace) = PhotoFaces.Find([path, path], 24, detect: false);
        using (batch)
        {
            Assert.Equal(new long[] { 2, 1, 24, 24 }, batch.shape);
            Assert.All(batch.data<byte>().ToArray(), p => Assert.InRange(p, 195, 205));
        }
        Assert.All(faces, f => Assert.Equal("whole", f.Framing));
        Assert.Empty(noFace);
    }

    [Fact]
    public void FoldersExpandToTheirImagesInOrder()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.File("sub"));
        foreach (var name in new[] { "b.png", "a.jpg", "sub/c.png", "notes.txt" }) File.WriteAllText(folder.File(name), "x");
        var files = PredictionInput.Expand([folder.Path]).Select(f => Path.GetRelativePath(folder.Path, f)).ToList();
        Assert.Equal(["a.jpg", "b.png", Path.Combine("sub", "c.png")], files);
    }

    [Fact]
    public void MissingAndUndecodableInputsAreOneLineErrors()
    {
        using var folder = new TempFolder();
        var missing = folder.File("nope.png");
        var ex = Assert.Throws<EmoAugException>(() => PredictionInput.Expand([missing]));
        Assert.Equal($"{missing}: no such file or folder", ex.Message);

        var garbage = folder.File("garbage.png");
        File.WriteAllText(garbage, "definitely not a PNG");
        ex = Assert.Throws<EmoAugException>(() => PredictionInput.ReadGray(garbage));
        Assert.StartsWith($"{garbage}: not a readable image", ex.Message);
        Assert.DoesNotContain("\n", ex.Message);

        using var empty = new TempFolder();
        ex = Assert.Throws<EmoAugException>(() => PredictionInput.Expand([empty.Path]));
        Assert.Contains("no image files", ex.Message);
    }
}
