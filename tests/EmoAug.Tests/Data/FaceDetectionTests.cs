using EmoAug.Cli;
using EmoAug.Data;
using EmoAug.Data.Faces;
using EmoAug.Data.Loading;
using EmoAug.Tests.Classifier;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using Xunit;

namespace EmoAug.Tests.Data;

/// <summary>
/// Face detection with the shipped BlazeFace models and OpenCV cascades on real photos (JAFFE's, from ../shared/datasets when present,
/// else those tests return), FER2013-framed crops, --align-faces loading and predict on photos with several faces.
/// </summary>
public class FaceDetectionTests
{
    static string? Jaffe()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "EmoAug.slnx")))
            {
                var path = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "datasets", "jaffe"));
                return Directory.Exists(path) ? path : null;
            }
        return null;
    }

    static string[] JaffePhotos(string root, int count) =>
        Directory.GetFiles(root, "*.tiff").Order(StringComparer.Ordinal).Where((_, i) => i % (213 / count) == 0).Take(count).ToArray();

    [Fact]
    public void FindsTheFaceInJaffePhotosAndNoneInABlankOne()
    {
        if (Jaffe() is not { } root) return;
        using var detector = FaceDetector.Create();
        foreach (var photo in JaffePhotos(root, 8))
        {
            var (pixels, width, height) = FaceImageReader.ReadGray(photo);
            // The largest box is the face (4 of JAFFE's 213 photos also have a small false one, docs/data-formats.md).
            var face = detector.Detect(pixels, width, height)[0];
            // JAFFE's 256 px photos show the head and shoulders: the face is near the middle, about half the width.
            Assert.InRange(face.Width, 90, 200);
            Assert.InRange(face.X + face.Width / 2, 90, 166);
            Assert.InRange(face.Y + face.Height / 2, 90, 180);
        }
        var blank = Enumerable.Repeat((byte)128, 200 * 150).ToArray();
        Assert.Empty(detector.Detect(blank, 200, 150));
    }

    [Fact]
    public void FindsFacesCroppedAsTightlyAsFer2013AndSfewCropThem()
    {
        // SFEW's and FER2013's faces fill their images; detectors trained on photos miss many such crops (the
        // cascades alone found 88.5% of SFEW's). Each JAFFE face, cut out as FER2013 frames faces at 64 px, is found
        // again, filling most of the image, and about where the framing puts it.
        if (Jaffe() is not { } root) return;
        using var detector = FaceDetector.Create();
        foreach (var photo in JaffePhotos(root, 8))
        {
            var (pixels, width, height) = FaceImageReader.ReadGray(photo);
            var crop = new byte[64 * 64];
            FaceCrop.Crop(pixels, width, height, detector.Detect(pixels, width, height)[0], FaceFraming.Fer2013, 64, crop);
            var found = detector.Detect(crop, 64, 64);
            Assert.NotEmpty(found);
            Assert.InRange(found[0].Width, 40, 70);
            Assert.InRange(found[0].X + found[0].Width / 2, 24, 40);
            Assert.InRange(found[0].Y + found[0].Height / 2, 28, 46);
        }
    }

    [Fact]
    public void CropsFrameTheBoxAsTheFramingSaysRepeatingTheEdgesOutside()
    {
        // Each pixel's value is its column: the crop's first and last columns tell where it lies.
        const int width = 100, height = 80;
        var photo = new byte[width * height];
        for (int y = 0; y < height; y++) for (int x = 0; x < width; x++) photo[y * width + x] = (byte)x;
        var framing = new FaceFraming(BoxShare: 0.5, OffsetX: 0, OffsetY: 0);
        var crop = new byte[40 * 40];
        FaceCrop.Crop(photo, width, height, new FaceBox(40, 30, 20, 20), framing, 40, crop);
        Assert.Equal(30, crop[0]);
        Assert.Equal(69, crop[39]);
        // A box at the corner: the crop starts 10 px left of the photo, where column 0 is repeated.
        FaceCrop.Crop(photo, width, height, new FaceBox(0, 0, 20, 20), framing, 40, crop);
        Assert.Equal(0, crop[0]);
        Assert.Equal(0, crop[10]);
        Assert.Equal(1, crop[11]);
        // An offset moves the crop: the box centre sits a quarter of the crop right of the crop's centre.
        FaceCrop.Crop(photo, width, height, new FaceBox(40, 30, 20, 20), framing with { OffsetX = 0.25 }, 40, crop);
        Assert.Equal(20, crop[0]);
    }

    [Fact]
    public void AlignFacesCropsEachFoundFaceNotesTheOthersAndHasItsOwnCacheEntry()
    {
        if (Jaffe() is not { } root) return;
        using var folder = new TempFolder();
        var photos = JaffePhotos(root, 4);
        Directory.CreateDirectory(folder.File("set/happy"));
        for (int i = 0; i < photos.Length; i++) File.Copy(photos[i], folder.File($"set/happy/{i}.tiff"));
        using (var blank = new Image<L8>(256, 256, new L8(90))) blank.SaveAsPng(folder.File("set/happy/blank.png"));
        Directory.CreateDirectory(folder.File("set/sad"));
        File.Copy(photos[0], folder.File("set/sad/0.tiff"));

        var cache = folder.File("cache");
        var plain = DatasetLoader.LoadWithReport(folder.File("set"), new LoadOptions(CacheDir: cache));
        var aligned = DatasetLoader.LoadWithReport(folder.File("set"), new LoadOptions(CacheDir: cache, AlignFaces: true));
        var again = DatasetLoader.LoadWithReport(folder.File("set"), new LoadOptions(CacheDir: cache, AlignFaces: true));
        using (plain.Dataset)
        using (aligned.Dataset)
        using (again.Dataset)
        {
            Assert.Contains(aligned.Report.Notes, n => n.StartsWith("--align-faces: no face found in 1 of 6 images") && n.Contains("blank.png"));
            Assert.DoesNotContain(plain.Report.Notes, n => n.StartsWith("--align-faces"));
            Assert.True(again.Report.FromCache);
            Assert.True(again.Dataset.Images.eq(aligned.Dataset.Images).all().item<bool>());
            // The photos' faces were cropped (so differ from the plain resize); the blank one was kept as it was.
            int blankIndex = aligned.Dataset.Samples.ToList().FindIndex(s => s.Source.EndsWith("blank.png"));
            for (int i = 0; i < aligned.Dataset.Count; i++)
                Assert.Equal(i == blankIndex, plain.Dataset.Images[i].eq(aligned.Dataset.Images[i]).all().item<bool>());
        }
    }

    [Fact]
    public void PredictLabelsEveryFaceOfAPhotoAnnotatesItAndSaysWhenThereIsNone()
    {
        if (Jaffe() is not { } root) return;
        using var folder = new TempFolder();
        var model = folder.File("model.ckpt");
        CheckpointTests.WriteCheckpoint(model).Dispose();
        // Two people side by side on one 640x300 canvas, a 640x480 photo without a face, and a 48 px cropped face.
        var photos = JaffePhotos(root, 2);
        using (var canvas = new Image<L8>(640, 300, new L8(200)))
        {
            for (int i = 0; i < 2; i++)
            {
                using var face = Image.Load<L8>(photos[i]);
                canvas.Mutate(c => c.DrawImage(face, new Point(40 + i * 320, 22), 1f));
            }
            canvas.SaveAsPng(folder.File("two.png"));
        }
        using (var nothing = new Image<L8>(640, 480, new L8(120))) nothing.SaveAsPng(folder.File("empty.png"));
        using (var small = Image.Load<L8>(photos[0]))
        {
            small.Mutate(c => c.Crop(new Rectangle(60, 70, 140, 140)).Resize(48, 48));
            small.SaveAsPng(folder.File("small.png"));
        }

        var csv = folder.File("faces.csv");
        var annotated = folder.File("annotated");
        Assert.Equal(0, CommandRunner.Run(EmoAugCommands.Root(), ["predict", "--model", model, folder.File("two.png"),
            folder.File("empty.png"), folder.File("small.png"), "--csv", csv, "--annotate", annotated, "--json"]));
        var rows = File.ReadAllLines(csv).Skip(1).Select(l => l.Split(',')).ToList();
        var two = rows.Where(r => r[0].EndsWith("two.png")).ToList();
        Assert.Equal(2, two.Count);
        Assert.All(two, r => Assert.Equal("detected", r[8]));
        // One face in each half of the canvas.
        Assert.Single(two, r => int.Parse(r[4]) < 320);
        Assert.Single(two, r => int.Parse(r[4]) >= 320);
        var empty = Assert.Single(rows, r => r[0].EndsWith("empty.png"));
        Assert.Equal("none", empty[8]);
        var smallRow = Assert.Single(rows, r => r[0].EndsWith("small.png"));
        Assert.Contains(smallRow[8], new[] { "detected", "whole" });
        foreach (var name in new[] { "two.png", "empty.png", "small.png" })
        {
            using var image = Image.Load<Rgb24>(Path.Combine(annotated, name));
            Assert.True(image.Width >= 48);
        }
        // The annotation draws the boxes in colour on the gray canvas.
        using (var drawn = Image.Load<Rgb24>(Path.Combine(annotated, "two.png")))
        {
            bool green = false;
            drawn.ProcessPixelRows(rowsOf => { for (int y = 0; y < rowsOf.Height && !green; y++) foreach (var px in rowsOf.GetRowSpan(y)) if (px.G > 180 && px.R < 100) { green = true; break; } });
            Assert.True(green, "boxes are drawn");
        }

        // --no-detect takes each image whole.
        Assert.Equal(0, CommandRunner.Run(EmoAugCommands.Root(), ["predict", "--model", model, folder.File("two.png"), "--no-detect", "--csv", csv]));
        var whole = Assert.Single(File.ReadAllLines(csv).Skip(1));
        Assert.Contains(",whole,", whole);
    }

    [Fact]
    public void PredictLabelsEveryNthFrameOfAVideo()
    {
        if (Jaffe() is not { } root) return;
        using var folder = new TempFolder();
        var model = folder.File("model.ckpt");
        CheckpointTests.WriteCheckpoint(model).Dispose();
        // Six frames at 10 per second: a face in frames 0, 2 and 4, an empty grey in 1, 3 and 5.
        var video = folder.File("clip.avi");
        using (var face = OpenCvSharp.Cv2.ImRead(JaffePhotos(root, 1)[0], OpenCvSharp.ImreadModes.Color))
        using (var writer = new OpenCvSharp.VideoWriter(video, OpenCvSharp.FourCC.MJPG, 10, new OpenCvSharp.Size(320, 256)))
        {
            Assert.True(writer.IsOpened());
            for (int i = 0; i < 6; i++)
            {
                using var frame = new OpenCvSharp.Mat(256, 320, OpenCvSharp.MatType.CV_8UC3, new OpenCvSharp.Scalar(120, 120, 120));
                if (i % 2 == 0) face.CopyTo(new OpenCvSharp.Mat(frame, new OpenCvSharp.Rect(32, 0, 256, 256)));
                writer.Write(frame);
            }
        }
        var csv = folder.File("frames.csv");
        Assert.Equal(0, CommandRunner.Run(EmoAugCommands.Root(), ["predict", "--model", model, video, "--csv", csv]));
        var rows = File.ReadAllLines(csv).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(["0", "1", "2", "3", "4", "5"], rows.Select(r => r[1]).Order());
        Assert.All(rows, r => Assert.Equal(int.Parse(r[1]) % 2 == 0 ? "detected" : "none", r[8]));
        Assert.Equal("0.4", rows.Single(r => r[1] == "4")[2]);
        // --every 2: frames 0, 2 and 4 only.
        Assert.Equal(0, CommandRunner.Run(EmoAugCommands.Root(), ["predict", "--model", model, video, "--csv", csv, "--every", "2"]));
        Assert.Equal(["0", "2", "4"], File.ReadAllLines(csv).Skip(1).Select(l => l.Split(',')[1]).Order());
        Assert.Equal(2, CommandRunner.Run(EmoAugCommands.Root(), ["predict", "--model", model, video, "--every", "0"]));
        File.WriteAllText(folder.File("broken.mp4"), "not a video");
        Assert.Equal(2, CommandRunner.Run(EmoAugCommands.Root(), ["predict", "--model", model, folder.File("broken.mp4")]));
    }
}
