using EmoAug.Data;
using Xunit;

namespace EmoAug.Tests.Data;

/// <summary>The image-list format: a CSV of image paths and class names, as RAF-DB- or AffectNet-style sets come.</summary>
public class ImageListCsvTests
{
    [Fact]
    public void LoadsPathsRelativeToTheListWithSplitsSubjectsAndSynonyms()
    {
        using var files = new DataFiles();
        var happy = files.Gray("faces/aligned/001.jpg", 200);
        var sad = files.Gray("faces/aligned/002.png", 40, 64, 80);
        var disgust = files.Gray("faces/aligned/003.png", 90);
        var list = files.Text("faces/labels.csv",
            "Path,Expression,Split,Subject\naligned/001.jpg,Happiness,train,s1\n\"aligned/002.png\",sad,test,s2\naligned/003.png,DISGUSTED,train,s1\n");

        using var dataset = DatasetLoader.Load(list, files.Options());

        Assert.Equal("image-list", dataset.Format);
        Assert.Equal(EmotionVocabulary.Basic, dataset.ClassNames);
        Assert.Equal(3, dataset.Count);
        var byPath = dataset.Samples.Select((s, i) => (s, i)).ToDictionary(x => x.s.Source, x => x.i);
        var labels = dataset.LabelArray();
        Assert.Equal(EmotionVocabulary.Happy, labels[byPath[happy]]);
        Assert.Equal(EmotionVocabulary.Basic.ToList().IndexOf("sad"), labels[byPath[sad]]);
        Assert.Equal(EmotionVocabulary.Disgust, labels[byPath[disgust]]);
        Assert.Equal("test", dataset.Samples[byPath[sad]].Split);
        Assert.Equal("s1", dataset.Samples[byPath[disgust]].Subject);
        Assert.Equal((48, 48), (dataset.Height, dataset.Width));
    }

    [Fact]
    public void AFolderHoldingOnlyTheListLoadsIt()
    {
        using var files = new DataFiles();
        files.Gray("elsewhere/a.png", 10);
        files.Text("set/list.csv", $"file,label\n{files.PathOf("elsewhere/a.png")},neutral\n");
        using var dataset = DatasetLoader.Load(files.PathOf("set"), files.Options());
        Assert.Equal("image-list", dataset.Format);
        Assert.Equal([EmotionVocabulary.Basic.ToList().IndexOf("neutral")], dataset.LabelArray());
    }

    [Fact]
    public void Fer2013PixelRowsAreStillReadAsFer2013()
    {
        using var files = new DataFiles();
        var csv = files.Text("fer.csv", $"emotion,pixels,Usage\n1,{DataFiles.Pixels(7)},Training\n");
        using var dataset = DatasetLoader.Load(csv, files.Options());
        Assert.Equal("fer2013-csv", dataset.Format);
    }

    [Fact]
    public void NumericLabelsAreRefusedWithTheReason()
    {
        using var files = new DataFiles();
        files.Gray("a.png", 10);
        var list = files.Text("list.csv", "path,label\na.png,happy\na.png,3\n");
        var ex = Assert.Throws<EmoAugException>(() => DatasetLoader.Load(list, files.Options()));
        Assert.Equal($"{list}:3: unknown emotion '3' (numeric codes differ between datasets; write class names)", ex.Message);
    }

    [Fact]
    public void UnknownLabelMissingImageAndShortRowNameTheirLines()
    {
        using var files = new DataFiles();
        files.Gray("a.png", 10);
        var unknown = files.Text("u.csv", "path,label\na.png,hapy\n");
        Assert.StartsWith($"{unknown}:2: unknown emotion 'hapy' (expected angry",
            Assert.Throws<EmoAugException>(() => DatasetLoader.Load(unknown, files.Options())).Message);
        var missing = files.Text("m.csv", "path,label\na.png,happy\nnone.png,sad\n");
        Assert.Equal($"{missing}:3: no such image 'none.png'",
            Assert.Throws<EmoAugException>(() => DatasetLoader.Load(missing, files.Options())).Message);
        var shortRow = files.Text("s.csv", "path,label,split\na.png,happy\n");
        Assert.Equal($"{shortRow}:2: expected 3 fields, got 2",
            Assert.Throws<EmoAugException>(() => DatasetLoader.Load(shortRow, files.Options())).Message);
    }

    [Fact]
    public void SkipInvalidKeepsTheGoodRowsAndReportsTheRest()
    {
        using var files = new DataFiles();
        files.Gray("a.png", 10);
        files.Gray("b.png", 20);
        var list = files.Text("list.csv", "path,label\na.png,happy\nnone.png,sad\nb.png,fear\nb.png,7\n");
        var result = DatasetLoader.LoadWithReport(list, files.Options(skipInvalid: true));
        using var dataset = result.Dataset;
        Assert.Equal(2, dataset.Count);
        Assert.Equal(["missing-image", "unknown-emotion"], result.Report.Skipped.Select(s => s.Kind).Order());
    }

    [Fact]
    public void RelabellingARowRebuildsTheCache()
    {
        using var files = new DataFiles();
        files.Gray("a.png", 10);
        var list = files.Text("list.csv", "path,label\na.png,happy\n");
        using (var first = DatasetLoader.Load(list, files.Options()))
            Assert.Equal([EmotionVocabulary.Happy], first.LabelArray());
        File.WriteAllText(list, "path,label\na.png,disgust\n");
        File.SetLastWriteTimeUtc(list, DateTime.UtcNow.AddMinutes(1));
        using var second = DatasetLoader.Load(list, files.Options());
        Assert.Equal([EmotionVocabulary.Disgust], second.LabelArray());
    }

    [Fact]
    public void HeaderWithoutALabelColumnIsNamed()
    {
        using var files = new DataFiles();
        var list = files.Text("list.csv", "path,score\na.png,1\n");
        Assert.StartsWith($"{list}:1: no label column",
            Assert.Throws<EmoAugException>(() => DatasetLoader.Load(list, files.Options())).Message);
    }
}
