using EmoAug.Reporting;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;

namespace EmoAug.Tests;

public sealed class PlotTests : IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("emoaug-plots-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    /// <summary>Loads the PNG (fails if it is not one), checks its size and that it is not one flat colour.</summary>
    static Image<Rgba32> AssertPng(string path, int width, int height)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
        var image = Image.Load<Rgba32>(bytes);
        Assert.Equal(width, image.Width);
        Assert.Equal(height, image.Height);
        double sum = 0, squares = 0;
        for (int y = 0; y < image.Height; y++)
            for (int x = 0; x < image.Width; x++)
            {
                var p = image[x, y];
                double gray = (p.R + p.G + p.B) / 3.0;
                sum += gray; squares += gray * gray;
            }
        double n = image.Width * image.Height, variance = squares / n - (sum / n) * (sum / n);
        Assert.True(variance > 100, $"{path}: nearly blank (gray variance {variance:F1})");
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp"));
        return image;
    }

    static int PixelsNear(Image<Rgba32> image, Rgba32 color, int tolerance = 30)
    {
        int count = 0;
        for (int y = 0; y < image.Height; y++)
            for (int x = 0; x < image.Width; x++)
            {
                var p = image[x, y];
                if (Math.Abs(p.R - color.R) + Math.Abs(p.G - color.G) + Math.Abs(p.B - color.B) <= tolerance) count++;
            }
        return count;
    }

    [Fact]
    public void LinePlotWithErrorBarsIsAPngOfTheRequestedSize()
    {
        var path = Path.Combine(dir, "sub", "curves.png");
        double[] x = [0, 25, 50, 100, 200];
        LinePlot.Save(path,
        [
            new LineSeries("baseline", x, [0.60, 0.60, 0.60, 0.60, 0.60]),
            new LineSeries("GAN", x, [0.60, 0.62, 0.63, 0.61, 0.58], [0.01, 0.02, 0.01, 0.03, 0.02]),
        ], "accuracy against generated data", "% of class count", "accuracy", width: 640, height: 400);
        using var image = AssertPng(path, 640, 400);
        Assert.True(PixelsNear(image, new Rgba32(0x00, 0x72, 0xB2)) > 50, "first series' colour not drawn");
        Assert.Throws<ArgumentException>(() =>
            LinePlot.Save(Path.Combine(dir, "bad.png"), [new LineSeries("x", [1.0, 2], [1.0])], "t", "x", "y"));
        Assert.False(File.Exists(Path.Combine(dir, "bad.png")));
    }

    [Fact]
    public void ConfusionHeatmapColoursRowsByShare()
    {
        var path = Path.Combine(dir, "confusion.png");
        int[][] counts = [[50, 2, 0], [5, 10, 5], [0, 0, 1]];
        ConfusionHeatmap.Save(path, counts, ["angry", "disgust", "fear"], "confusion", width: 500, height: 480);
        using var image = AssertPng(path, 500, 480);
        Assert.True(PixelsNear(image, new Rgba32(8, 48, 107), 20) > 500, "full-share cells should be dark blue");
        Assert.Throws<ArgumentException>(() =>
            ConfusionHeatmap.Save(Path.Combine(dir, "bad.png"), [[1, 2]], ["a", "b"], "t"));
    }

    [Fact]
    public void ScatterPlotDrawsEveryClassAndTheGeneratedPoints()
    {
        var path = Path.Combine(dir, "tsne.png");
        var random = new Random(1);
        int n = 300;
        var points = new double[n, 2];
        var labels = new int[n];
        var generated = new bool[n];
        for (int i = 0; i < n; i++)
        {
            labels[i] = i % 3;
            generated[i] = i % 5 == 0;
            points[i, 0] = labels[i] * 10 + random.NextDouble();
            points[i, 1] = random.NextDouble();
        }
        ScatterPlot.Save(path, points, labels, generated, ["happy", "sad", "disgust"], "t-SNE", width: 600, height: 500);
        using var image = AssertPng(path, 600, 500);
        Assert.True(PixelsNear(image, new Rgba32(0x00, 0x9E, 0x73)) > 30, "third class' colour not drawn");
    }

    [Fact]
    public void FontCheckSeesInstalledFonts()
    {
        // Where TrueType fonts are installed the check must see them. (The other direction was checked by hand with
        // an empty directory bind-mounted over /usr/share/fonts: PNGs still written, without text, Available false.)
        bool systemHasFonts = OperatingSystem.IsLinux() && Directory.Exists("/usr/share/fonts")
            && Directory.EnumerateFiles("/usr/share/fonts", "*.ttf", SearchOption.AllDirectories).Any();
        if (!systemHasFonts) return;
        Assert.True(PlotFonts.Available);
    }
}
