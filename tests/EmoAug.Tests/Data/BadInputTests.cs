using EmoAug.Data;
using Xunit;

namespace EmoAug.Tests.Data;

/// <summary>Every kind of bad input stops the load with one line naming the file or line, or is skipped and reported.</summary>
public class BadInputTests
{
    static string Csv(DataFiles files, params string[] rows) =>
        files.Text("bad.csv", "emotion,pixels,Usage\n" + string.Join("\n", rows) + "\n");

    [Fact]
    public void CsvRowWithTheWrongPixelCountNamesItsLine()
    {
        using var files = new DataFiles();
        var csv = Csv(files, $"0,{DataFiles.Pixels(1)},Training", $"0,{DataFiles.Pixels(1, 2303)},Training");
        var ex = Assert.Throws<EmoAugException>(() => DatasetLoader.Load(csv, files.Options()));
        Assert.Equal($"{csv}:3: expected 2304 pixels, got 2303", ex.Message);
    }

    [Fact]
    public void CsvNonNumericPixelNamesItsLine()
    {
        using var files = new DataFiles();
        var csv = Csv(files, $"0,{DataFiles.Pixels(1, 100)} x7 {DataFiles.Pixels(1, 2203)},Training");
        var ex = Assert.Throws<EmoAugException>(() => DatasetLoader.Load(csv, files.Options()));
        Assert.StartsWith($"{csv}:2: non-numeric pixel 'x7' (pixel 101)", ex.Message);
    }

    [Fact]
    public void CsvPixelAbove255IsRejected()
    {
        using var files = new DataFiles();
        var csv = Csv(files, $"0,256 {DataFiles.Pixels(1, 2303)},Training");
        var ex = Assert.Throws<EmoAugException>(() => DatasetLoader.Load(csv, files.Options()));
        Assert.StartsWith($"{csv}:2: pixel 1 is 256", ex.Message);
    }

    [Fact]
    public void AMisspeltSplitNamesItsLineAndTheClosestSplit()
    {
        using var files = new DataFiles();
        var csv = Csv(files, $"0,{DataFiles.Pixels(1)},Training", $"3,{DataFiles.Pixels(2)},Trainingg");
        var ex = Assert.Throws<EmoAugException>(() => DatasetLoader.Load(csv, files.Options()));
        Assert.StartsWith($"{csv}:3: unknown split 'Trainingg' (did you mean 'Training'?", ex.Message);

        files.Gray("faces/a.png", 10);
        var list = files.Text("list.csv", "path,label,split\nfaces/a.png,happy,testt\n");
        ex = Assert.Throws<EmoAugException>(() => DatasetLoader.Load(list, files.Options()));
        Assert.StartsWith($"{list}:2: unknown split 'testt' (did you mean 'test'?", ex.Message);
    }

    [Fact]
    public void CsvUnknownEmotionCodeNamesItsLine()
    {
        using var files = new DataFiles();
        var csv = Csv(files, $"0,{DataFiles.Pixels(1)},Training", $"0,{DataFiles.Pixels(1)},Training",
            $"7,{DataFiles.Pixels(1)},Training");
        var ex = Assert.Throws<EmoAugException>(() => DatasetLoader.Load(csv, files.Options()));
        Assert.Equal($"{csv}:4: unknown emotion code '7' (expected 0-6)", ex.Message);
    }

    [Fact]
    public void CsvWithoutPixelsColumnNamesTheHeader()
    {
        using var files = new DataFiles();
        var csv = files.Text("x.csv", "emotion,data\n0,1 2 3 4\n");
        var ex = Assert.Throws<EmoAugException>(() => DatasetLoader.Load(csv, files.Options()));
        Assert.StartsWith($"{csv}:1: no 'pixels' column", ex.Message);
    }

    [Fact]
    public void UndecodableImageNamesTheFile()
    {
        using var files = new DataFiles();
        files.Gray("set/happy/good.png", 10);
        var broken = files.Text("set/happy/broken.png", "this is not a PNG");
        var ex = Assert.Throws<EmoAugException>(() => DatasetLoader.Load(files.PathOf("set"), files.Options()));
        Assert.StartsWith($"{broken}: cannot decode image", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void EmptyClassFolderNamesTheFolder()
    {
        using var files = new DataFiles();
        files.Gray("set/train/happy/a.png", 10);
        var empty = files.Folder("set/train/sad");
        files.Text("set/train/sad/readme.txt", "no images here");
        var ex = Assert.Throws<EmoAugException>(() => DatasetLoader.Load(files.PathOf("set"), files.Options()));
        Assert.Equal($"{empty}: class folder has no images", ex.Message);
    }

    [Fact]
    public void FolderWithNoImagesNamesTheFolder()
    {
        using var files = new DataFiles();
        var root = files.Folder("nothing");
        files.Text("nothing/notes.txt", "text only");
        var ex = Assert.Throws<EmoAugException>(() => DatasetLoader.Load(root, files.Options()));
        Assert.StartsWith($"{root}: no images found", ex.Message);

        files.Folder("classes/happy"); // class folders, but every one empty
        ex = Assert.Throws<EmoAugException>(() => DatasetLoader.Load(files.PathOf("classes"), files.Options(format: "folders")));
        Assert.Contains(files.PathOf("classes"), ex.Message);
    }

    [Fact]
    public void NonexistentPathIsNamed()
    {
        using var files = new DataFiles();
        var missing = files.PathOf("no-such-set");
        var ex = Assert.Throws<EmoAugException>(() => DatasetLoader.Load(missing, files.Options()));
        Assert.Equal($"{missing}: no such file or folder", ex.Message);
    }

    [Fact]
    public void FlatFolderWithoutJaffeNamesIsNotGuessed()
    {
        using var files = new DataFiles();
        files.Gray("flat/face1.png", 1);
        files.Gray("flat/face2.png", 2);
        var ex = Assert.Throws<EmoAugException>(() => DatasetLoader.Load(files.PathOf("flat"), files.Options()));
        Assert.Contains("no class folders", ex.Message);

        var named = Assert.Throws<EmoAugException>(() =>
            DatasetLoader.Load(files.PathOf("flat"), files.Options(format: "jaffe")));
        Assert.StartsWith(files.PathOf("flat/face1.png") + ": not a JAFFE file name", named.Message);
    }

    [Fact]
    public void AFileNameWithoutOrWithTwoEmotionsStopsTheLoadOrIsSkipped()
    {
        using var files = new DataFiles();
        files.Gray("named/happy_1.png", 1);
        files.Gray("named/sad_2.png", 2);
        files.Gray("named/sad_3.png", 3);
        var ambiguous = files.Gray("named/happy_to_sad_4.png", 4);

        var ex = Assert.Throws<EmoAugException>(() => DatasetLoader.Load(files.PathOf("named"), files.Options()));
        Assert.Equal($"{ambiguous}: the file name names several classes (happy, sad)", ex.Message);

        var unnamed = files.Gray("named/portrait_5.png", 5);
        var (dataset, report) = DatasetLoader.LoadWithReport(files.PathOf("named"), files.Options(skipInvalid: true));
        using (dataset)
        {
            Assert.Equal(3, dataset.Count);
            Assert.Equal([("ambiguous-name", 1), ("unrecognised-name", 1)], report.SkippedByKind().OrderBy(k => k.Kind));
            Assert.Contains(report.Skipped, s => s.Source == unnamed);
        }
    }

    [Fact]
    public void SkipInvalidLoadsTheRestOfACsvAndCountsWhy()
    {
        using var files = new DataFiles();
        var csv = Csv(files,
            $"0,{DataFiles.Pixels(1)},Training",
            $"0,{DataFiles.Pixels(1, 2303)},Training",
            $"9,{DataFiles.Pixels(1)},Training",
            $"2,{DataFiles.Pixels(1, 5)} a {DataFiles.Pixels(1, 2298)},Training",
            $"5,{DataFiles.Pixels(2)},PublicTest");

        var (dataset, report) = DatasetLoader.LoadWithReport(csv, files.Options(skipInvalid: true));
        using (dataset)
        {
            Assert.Equal([0L, 5L], dataset.LabelArray());
            Assert.Equal(3, report.Skipped.Count);
            Assert.Equal([$"{csv}:3", $"{csv}:4", $"{csv}:5"], report.Skipped.Select(s => s.Source));
            Assert.Equal(["bad-pixel", "unknown-emotion", "wrong-pixel-count"],
                report.SkippedByKind().Select(k => k.Kind).Order());
        }
    }

    [Fact]
    public void SkipInvalidLoadsTheRestOfAFolderAndCountsWhy()
    {
        using var files = new DataFiles();
        files.Gray("set/train/happy/a.png", 10);
        files.Gray("set/train/happy/b.jpg", 20);
        files.Text("set/train/happy/c.png", "garbage");
        files.Text("set/train/fear/d.tiff", "garbage");
        files.Folder("set/train/sad");
        files.Gray("set/val/sad/e.bmp", 30);

        var (dataset, report) = DatasetLoader.LoadWithReport(files.PathOf("set"), files.Options(skipInvalid: true));
        using (dataset)
        {
            Assert.Equal(3, dataset.Count);
            Assert.Equal([0, 0, 0, 2, 1, 0, 0], dataset.ClassCounts());
            Assert.Equal([("undecodable-image", 2), ("empty-class-folder", 1)], report.SkippedByKind());
            Assert.Contains(report.Skipped, s => s.Source == files.PathOf("set/train/fear/d.tiff"));
        }
    }

    [Fact]
    public void JpegsAndPngsCutShortAtAnyPointAreSkippedAsUndecodableWhileWholeOnesLoad()
    {
        using var files = new DataFiles();
        // Noise, so that the compressed data are long enough to cut at many points.
        var random = new Random(3);
        var pixels = new byte[48 * 48];
        random.NextBytes(pixels);
        var whole = new List<string>();
        foreach (var extension in new[] { "jpg", "png" })
        {
            using var image = SixLabors.ImageSharp.Image.LoadPixelData<SixLabors.ImageSharp.PixelFormats.L8>(pixels, 48, 48);
            var path = files.PathOf($"set/train/happy/whole.{extension}");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            SixLabors.ImageSharp.ImageExtensions.Save(image, path);
            whole.Add(path);
        }
        files.Gray("set/train/sad/a.png", 30);
        int cuts = 0;
        foreach (var path in whole)
        {
            var bytes = File.ReadAllBytes(path);
            foreach (double share in new[] { 0.1, 0.5, 0.6, 0.9 })
            {
                File.WriteAllBytes(Path.ChangeExtension(path, null) + $"-cut{(int)(share * 100)}" + Path.GetExtension(path), bytes[..(int)(bytes.Length * share)]);
                cuts++;
            }
            File.WriteAllBytes(Path.ChangeExtension(path, null) + "-cut300" + Path.GetExtension(path), bytes[..300]);
            File.WriteAllBytes(Path.ChangeExtension(path, null) + "-last-byte" + Path.GetExtension(path), bytes[..^1]);
            cuts += 2;
        }
        var (dataset, report) = DatasetLoader.LoadWithReport(files.PathOf("set"), files.Options(skipInvalid: true));
        using (dataset)
        {
            Assert.Equal(3, dataset.Count); // the two whole faces and the sad one
            Assert.Equal([("undecodable-image", cuts)], report.SkippedByKind());
            Assert.All(report.Skipped, s => Assert.Contains("truncated", s.Message));
        }
        var ex = Assert.Throws<EmoAugException>(() => DatasetLoader.Load(files.PathOf("set"), files.Options()));
        Assert.Contains("truncated", ex.Message);
        Assert.Contains("whole-cut", ex.Message);
    }
}
