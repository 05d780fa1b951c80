using EmoAug.Data;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Tiff;
using SixLabors.ImageSharp.Formats.Tiff.Constants;
using Xunit;

namespace EmoAug.Tests.Data;

public class LoaderTests
{
    static byte[] ImageBytes(FaceDataset dataset, int index)
    {
        int area = dataset.Height * dataset.Width;
        return dataset.Images.data<byte>().ToArray().AsSpan(index * area, area).ToArray();
    }

    static int IndexOf(FaceDataset dataset, string path) =>
        dataset.Samples.Select((s, i) => (s, i)).Single(x => x.s.Source == path).i;

    [Fact]
    public void NestedFoldersMatchSynonymsAndKeepAnExtraClass()
    {
        using var files = new DataFiles();
        var happy = files.Gray("set/train/Happiness/a.png", 200);
        files.Gray("set/train/ANGER/b.jpg", 60);
        files.Gray("set/train/disgusted/c.bmp", 90, 64, 64);
        var pain = files.Gray("set/train/Pain/d.png", 120);
        files.Gray("set/test/happy/e.png", 210);
        files.Gray("set/test/pain/f.jpeg", 130);
        files.Text("set/train/ANGER/notes.txt", "not an image");

        using var dataset = DatasetLoader.Load(files.PathOf("set"), files.Options());

        Assert.Equal("folders", dataset.Format);
        Assert.Equal([.. EmotionVocabulary.Basic, "pain"], dataset.ClassNames);
        Assert.Equal(6, dataset.Count);
        Assert.Equal((48, 48), (dataset.Height, dataset.Width));
        var labels = dataset.LabelArray();
        Assert.Equal(EmotionVocabulary.Happy, labels[IndexOf(dataset, happy)]);
        Assert.Equal(7, labels[IndexOf(dataset, pain)]);
        Assert.Equal(["train", "test"], dataset.SplitNames());
        Assert.Equal([0, 0, 0, 1, 0, 0, 0, 1], dataset.WhereSplit("test").ClassCounts());
        Assert.Equal([1, 1, 0, 1, 0, 0, 0, 1], dataset.WhereSplit("train").ClassCounts());
        Assert.All(ImageBytes(dataset, IndexOf(dataset, happy)), v => Assert.Equal(200, v));
        Assert.All(dataset.Samples, s => Assert.Null(s.Subject));
    }

    [Fact]
    public void FlatClassFoldersAreOneSplitWithContemptAfterTheBasicSeven()
    {
        using var files = new DataFiles();
        files.Gray("flat/Fearful/1.png", 10);
        files.Gray("flat/Fearful/sub/2.png", 20); // images in a class folder's sub-folders count too
        files.Gray("flat/surprised/3.png", 30);
        files.Gray("flat/Contempt/4.png", 40);

        using var dataset = DatasetLoader.Load(files.PathOf("flat"), files.Options());

        Assert.Equal([.. EmotionVocabulary.Basic, "contempt"], dataset.ClassNames);
        Assert.Equal([0, 0, 2, 0, 0, 1, 0, 1], dataset.ClassCounts());
        Assert.Equal(["all"], dataset.SplitNames());
    }

    [Fact]
    public void KaggleFerFoldersRecoverTheUsageSplitsFromFileNames()
    {
        using var files = new DataFiles();
        files.Gray("fer/train/angry/Training_1.jpg", 50);
        files.Gray("fer/train/disgust/Training_2.jpg", 60);
        files.Gray("fer/test/angry/PublicTest_3.jpg", 70);
        files.Gray("fer/test/sad/PrivateTest_4.jpg", 80);
        files.Gray("fer/test/sad/PrivateTest_5.jpg", 90);

        var (dataset, report) = DatasetLoader.LoadWithReport(files.PathOf("fer"), files.Options());
        using (dataset)
        {
            Assert.Equal(["Training", "PublicTest", "PrivateTest"], dataset.SplitNames());
            Assert.Equal(2, dataset.WhereSplit("PrivateTest").ClassCounts()[EmotionVocabulary.Sad]);
            Assert.Contains(report.Notes, n => n.Contains("file-name prefixes"));
        }
    }

    [Fact]
    public void NumberedOrDecoratedClassFolderNamesFindTheirEmotion()
    {
        using var files = new DataFiles();
        files.Gray("deco/0_Angry/a.png", 1);
        files.Gray("deco/3-happiness faces/b.png", 2);
        files.Gray("deco/chronic pain/c.png", 3);

        using var dataset = DatasetLoader.Load(files.PathOf("deco"), files.Options());
        Assert.Equal([.. EmotionVocabulary.Basic, "chronic pain"], dataset.ClassNames);
        Assert.Equal([1, 0, 0, 1, 0, 0, 0, 1], dataset.ClassCounts());
    }

    [Fact]
    public void FolderSplitsStayWhenOnlySomeNamesCarryAFerPrefix()
    {
        using var files = new DataFiles();
        files.Gray("mixed/train/angry/Training_1.png", 50);
        files.Gray("mixed/test/angry/face.png", 60);

        using var dataset = DatasetLoader.Load(files.PathOf("mixed"), files.Options());
        Assert.Equal(["train", "test"], dataset.SplitNames());
    }

    [Fact]
    public void PaletteTiffDecodesToItsGrayLevel()
    {
        using var files = new DataFiles();
        var path = files.PaletteTiff("p/KA.AN1.39.tiff", 100);
        using (var written = Image.Load(path))
            Assert.Equal(TiffPhotometricInterpretation.PaletteColor,
                written.Frames.RootFrame.Metadata.GetTiffMetadata().PhotometricInterpretation);

        using var dataset = DatasetLoader.Load(files.PathOf("p"), files.Options(size: 32));

        // the first row of the 64x64 image is 155; 32 rows of the 32x32 result lie well inside the 100-valued area
        var pixels = ImageBytes(dataset, 0);
        Assert.Equal(100, pixels[16 * 32 + 16]);
        Assert.Equal(32, dataset.Width);
    }

    [Fact]
    public void JaffeNamesGiveLabelAndSubject()
    {
        using var files = new DataFiles();
        files.PaletteTiff("jaffe/KA.AN1.39.tiff", 100);
        files.Gray("jaffe/KL.HA2.12.tiff", 150, 256, 256);
        files.Gray("jaffe/NM.SU1.3.tiff", 90, 256, 256);
        files.Gray("jaffe/KL.NE3.77.tiff", 120, 256, 256);
        files.Text("jaffe/README.txt", "ignored");

        using var dataset = DatasetLoader.Load(files.PathOf("jaffe"), files.Options());

        Assert.Equal("jaffe", dataset.Format);
        Assert.Equal(4, dataset.Count);
        Assert.Equal(["KA", "KL", "KL", "NM"], dataset.Samples.Select(s => s.Subject!).Order().ToList());
        Assert.Equal([1, 0, 0, 1, 0, 1, 1], dataset.ClassCounts());
        var surprise = dataset.Samples.Select((s, i) => (s, i)).Single(x => x.s.Source.EndsWith("NM.SU1.3.tiff")).i;
        Assert.Equal(EmotionVocabulary.Surprise, dataset.LabelArray()[surprise]);
        Assert.All(ImageBytes(dataset, surprise), v => Assert.Equal(90, v));
    }

    [Fact]
    public void NumberedClassFoldersAreRefusedNamingTheFolder()
    {
        using var files = new DataFiles();
        files.Gray("raf/train/1/train_00001.jpg", 10); // RAF-DB's 1 is surprise, FER2013's 1 is disgust
        files.Gray("raf/train/4/train_00002.jpg", 20);
        files.Gray("raf/test/1/test_0001.jpg", 30);

        var error = Assert.Throws<EmoAugException>(() => DatasetLoader.Load(files.PathOf("raf"), files.Options()));

        Assert.StartsWith(files.PathOf("raf/test/1") + ": a class folder named by a number", error.Message);
        Assert.Contains("rename the class folders", error.Message);
    }

    [Fact]
    public void KdefSittingFoldersGiveLabelAndThePersonAcrossBothSessions()
    {
        using var files = new DataFiles();
        files.Gray("KDEF/AF01/AF01AFS.JPG", 10, 56, 76); // afraid, straight
        files.Gray("KDEF/AF01/AF01ANHL.JPG", 20, 56, 76);
        files.Gray("KDEF/BF01/BF01DIFR.JPG", 30, 56, 76); // the same woman's second session
        files.Gray("KDEF/AM12/AM12NES.jpg", 40, 56, 76);
        files.Gray("KDEF/BM12/BM12SUHR.JPG", 50, 56, 76);

        using var dataset = DatasetLoader.Load(files.PathOf("KDEF"), files.Options());

        // Sitting folders are people, not classes: without the kdef format they would load as classes "af01", "bf01", ...
        Assert.Equal("kdef", dataset.Format);
        Assert.Equal(EmotionVocabulary.Basic, dataset.ClassNames);
        Assert.Equal([1, 1, 1, 0, 0, 1, 1], dataset.ClassCounts());
        Assert.Equal(["F01", "F01", "F01", "M12", "M12"], dataset.Samples.Select(s => s.Subject!).Order().ToList());
        var fear = IndexOf(dataset, files.PathOf("KDEF/AF01/AF01AFS.JPG"));
        Assert.Equal(EmotionVocabulary.Fear, dataset.LabelArray()[fear]);
        Assert.All(ImageBytes(dataset, fear), v => Assert.Equal(10, v));

        // A stray file with another name stops the load naming it, or is skipped with --skip-invalid.
        files.Gray("KDEF/AM12/AM12NES copy.JPG", 60, 56, 76);
        var error = Assert.Throws<EmoAugException>(() => DatasetLoader.Load(files.PathOf("KDEF"), files.Options()));
        Assert.Contains("AM12NES copy.JPG", error.Message);
        Assert.Contains("not a KDEF file name", error.Message);
        using var skipped = DatasetLoader.Load(files.PathOf("KDEF"), files.Options(skipInvalid: true));
        Assert.Equal(5, skipped.Count);
    }

    [Fact]
    public void EmotionWordsInFlatFileNamesGiveTheLabel()
    {
        using var files = new DataFiles();
        files.Gray("rafd/Rafd090_01_Caucasian_female_angry_frontal.jpg", 10);
        files.Gray("rafd/Rafd090_02_Moroccan_male_contemptuous_left.jpg", 20);
        files.Gray("rafd/happy_0001.png", 30);
        files.Gray("rafd/0002-Sadness.png", 40);
        files.Gray("rafd/faceSurprised3.bmp", 50);

        using var dataset = DatasetLoader.Load(files.PathOf("rafd"), files.Options());

        Assert.Equal("file-names", dataset.Format);
        Assert.Equal([.. EmotionVocabulary.Basic, "contempt"], dataset.ClassNames);
        Assert.Equal([1, 0, 0, 1, 1, 1, 0, 1], dataset.ClassCounts());
        var sad = dataset.Samples.Select((s, i) => (s, i)).Single(x => x.s.Source.EndsWith("0002-Sadness.png")).i;
        Assert.Equal(EmotionVocabulary.Sad, dataset.LabelArray()[sad]);
        Assert.All(ImageBytes(dataset, sad), v => Assert.Equal(40, v));
    }

    [Theory]
    [InlineData("Rafd090_01_Caucasian_female_angry_frontal.png", "angry")]
    [InlineData("an_sa_di_0001.png", "")]            // two-letter codes are JAFFE's, not words
    [InlineData("madrid_scaredy.png", "")]           // only whole words count
    [InlineData("happyFace_smile.png", "happy")]     // two synonyms of one class
    [InlineData("happy_to_sad.png", "happy,sad")]    // ambiguous
    public void FileNameWordsAreReadWhole(string name, string expected) =>
        Assert.Equal(expected, string.Join(",", EmoAug.Data.Loading.FileNameLoader.ClassesIn(name)));

    [Fact]
    public void SfewKeepsBadAlignmentsByDefaultAndExcludesThemWhenAsked()
    {
        using var files = new DataFiles();
        files.Rgb("sfew/train/Angry/m1.png", 200, 100, 50);
        var bad = files.Rgb("sfew/train/Happy/m2.png", 0, 0, 0);
        files.Rgb("sfew/val/Sad/m3.png", 10, 200, 10);
        var list = files.Text("sfew/bad_alignment.txt", "# failed alignments\nBLACK train/Happy/m2.png\n");

        var (kept, keptReport) = DatasetLoader.LoadWithReport(files.PathOf("sfew"), files.Options());
        using (kept)
        {
            Assert.Equal("sfew", kept.Format);
            Assert.Equal(3, kept.Count);
            Assert.Contains(keptReport.Notes, n => n.Contains("bad_alignment.txt lists 1") && n.Contains("kept"));
            // BT.709 luma of (200,100,50) is 117.7; a uniform image stays uniform through crop and bicubic resize
            var angry = ImageBytes(kept, kept.LabelArray().ToList().IndexOf(EmotionVocabulary.Angry));
            Assert.All(angry, v => Assert.InRange(v, 116, 119));
        }

        var (clean, cleanReport) = DatasetLoader.LoadWithReport(files.PathOf("sfew"), files.Options(excludeList: list));
        using (clean)
        {
            Assert.Equal(2, clean.Count);
            Assert.Equal(1, cleanReport.Excluded);
            Assert.DoesNotContain(clean.Samples, s => s.Source == bad);
            Assert.Contains(cleanReport.Notes, n => n.Contains("excluded"));
        }
    }

    [Fact]
    public void FerCsvGivesSplitsLabelsAndFileLineSources()
    {
        using var files = new DataFiles();
        var csv = files.Text("fer2013.csv", "emotion,pixels,Usage\n" +
            $"3,{DataFiles.Pixels(7)},Training\n" +
            $"1,{DataFiles.Pixels(200)},PublicTest\n" +
            $"\"6\",\"{DataFiles.Pixels(9)}\",PrivateTest\n");

        using var dataset = DatasetLoader.Load(csv, files.Options());

        Assert.Equal("fer2013-csv", dataset.Format);
        Assert.Equal([3L, 1L, 6L], dataset.LabelArray());
        Assert.Equal(["Training", "PublicTest", "PrivateTest"], dataset.SplitNames());
        Assert.Equal($"{csv}:3", dataset.Samples[1].Source);
        Assert.All(ImageBytes(dataset, 1), v => Assert.Equal(200, v));

        using var small = DatasetLoader.Load(files.Root, files.Options(size: 24)); // the folder holding fer2013.csv
        Assert.Equal(24, small.Height);
        Assert.All(ImageBytes(small, 0), v => Assert.Equal(7, v));
    }

    [Fact]
    public void UnlabelledFerCsvLoadsWithUnlabelledLabels()
    {
        using var files = new DataFiles();
        var csv = files.Text("test.csv", $"pixels\n{DataFiles.Pixels(1, 16)}\n{DataFiles.Pixels(2, 16)}\n");

        var (dataset, report) = DatasetLoader.LoadWithReport(csv, files.Options(size: 4));
        using (dataset)
        {
            Assert.Equal(2, dataset.Count);
            Assert.All(dataset.LabelArray(), l => Assert.Equal(FaceDataset.Unlabelled, l));
            Assert.All(dataset.ClassCounts(), c => Assert.Equal(0, c));
            Assert.Equal(["all"], dataset.SplitNames());
            Assert.Contains(report.Notes, n => n.Contains("unlabelled"));
        }
    }

    [Fact]
    public void FormatCanBeNamedAndAnUnknownNameIsAnOptionError()
    {
        using var files = new DataFiles();
        files.Gray("set/train/happy/a.png", 1);
        files.Text("set/bad_alignment.txt", "");

        using (var auto = DatasetLoader.Load(files.PathOf("set"), files.Options()))
            Assert.Equal("sfew", auto.Format);
        using (var named = DatasetLoader.Load(files.PathOf("set"), files.Options(format: "FOLDERS")))
            Assert.Equal("folders", named.Format);
        var ex = Assert.Throws<EmoAugException>(() => files.Options(format: "png"));
        Assert.Equal("--format png: unknown; choose auto, fer2013-csv, image-list, folders, jaffe, sfew, file-names, kdef", ex.Message);
    }

    [Fact]
    public void SyntheticIsLoadedByNameWithAnOptionalSeed()
    {
        using var zero = DatasetLoader.Load("synthetic", new LoadOptions(Size: 32));
        using var three = DatasetLoader.Load("synthetic:seed=3", new LoadOptions(Size: 32));
        Assert.Equal("synthetic", zero.Format);
        Assert.Equal(32, zero.Height);
        Assert.False(zero.Images.equal(three.Images).all().item<bool>(), "a different seed should draw different faces");
        Assert.Throws<EmoAugException>(() => DatasetLoader.Load("synthetic:seed=x", new LoadOptions()));
    }
}
