using EmoAug.Data;
using Xunit;

namespace EmoAug.Tests.Data;

public class LoadCacheTests
{
    static DataFiles ThreeFaces()
    {
        var files = new DataFiles();
        files.Gray("set/train/happy/a.png", 10);
        files.Gray("set/train/sad/b.png", 20);
        files.Gray("set/val/fear/c.png", 30);
        return files;
    }

    static byte[] Pixels(FaceDataset dataset) => dataset.Images.data<byte>().ToArray();

    [Fact]
    public void SecondLoadComesFromTheCacheWithTheSameContent()
    {
        using var files = ThreeFaces();
        var (first, firstReport) = DatasetLoader.LoadWithReport(files.PathOf("set"), files.Options());
        var (second, secondReport) = DatasetLoader.LoadWithReport(files.PathOf("set"), files.Options());
        using (first)
        using (second)
        {
            Assert.False(firstReport.FromCache);
            Assert.True(secondReport.FromCache);
            Assert.Equal(Pixels(first), Pixels(second));
            Assert.Equal(first.LabelArray(), second.LabelArray());
            Assert.Equal(first.Samples, second.Samples);
            Assert.Equal(first.ClassNames, second.ClassNames);
            Assert.Equal(first.Format, second.Format);
        }
        var cacheFiles = Directory.GetFiles(files.CacheDir);
        Assert.Single(cacheFiles);
        Assert.EndsWith(".bin", cacheFiles[0]);
    }

    [Fact]
    public void ChangedFileRebuildsTheCache()
    {
        using var files = ThreeFaces();
        DatasetLoader.Load(files.PathOf("set"), files.Options()).Dispose();
        var changed = files.Gray("set/train/happy/a.png", 99);
        File.SetLastWriteTimeUtc(changed, DateTime.UtcNow.AddMinutes(1)); // a same-size rewrite within the clock's tick

        var (dataset, report) = DatasetLoader.LoadWithReport(files.PathOf("set"), files.Options());
        using (dataset)
        {
            Assert.False(report.FromCache);
            var index = dataset.Samples.Select((s, i) => (s, i)).Single(x => x.s.Source == changed).i;
            Assert.Equal(99, Pixels(dataset)[index * 48 * 48]);
        }

        files.Gray("set/val/fear/new.png", 40); // an added file rebuilds it too
        var (grown, grownReport) = DatasetLoader.LoadWithReport(files.PathOf("set"), files.Options());
        using (grown)
        {
            Assert.False(grownReport.FromCache);
            Assert.Equal(4, grown.Count);
        }
    }

    [Fact]
    public void OtherOptionsDoNotReuseTheCache()
    {
        using var files = ThreeFaces();
        DatasetLoader.Load(files.PathOf("set"), files.Options()).Dispose();
        var (small, report) = DatasetLoader.LoadWithReport(files.PathOf("set"), files.Options(size: 24));
        using (small)
        {
            Assert.False(report.FromCache);
            Assert.Equal(24, small.Height);
        }
    }

    [Theory]
    [InlineData("flip")]
    [InlineData("truncate")]
    public void DamagedCacheFileIsNoticedAndRebuilt(string damage)
    {
        using var files = ThreeFaces();
        byte[] expected;
        using (var first = DatasetLoader.Load(files.PathOf("set"), files.Options())) expected = Pixels(first);
        var cacheFile = Directory.GetFiles(files.CacheDir).Single();
        var bytes = File.ReadAllBytes(cacheFile);
        if (damage == "flip") bytes[bytes.Length - 100] ^= 0xFF; // inside the pixels
        else Array.Resize(ref bytes, bytes.Length - 10);
        File.WriteAllBytes(cacheFile, bytes);

        var (rebuilt, report) = DatasetLoader.LoadWithReport(files.PathOf("set"), files.Options());
        using (rebuilt)
        {
            Assert.False(report.FromCache);
            Assert.Contains(report.Notes, n => n.Contains("damaged"));
            Assert.Equal(expected, Pixels(rebuilt));
        }
        var (again, againReport) = DatasetLoader.LoadWithReport(files.PathOf("set"), files.Options());
        using (again) Assert.True(againReport.FromCache);
        Assert.Empty(Directory.GetFiles(files.CacheDir, "*.tmp"));
    }

    [Fact]
    public void CacheCanBeTurnedOff()
    {
        using var files = ThreeFaces();
        DatasetLoader.Load(files.PathOf("set"), files.Options(useCache: false)).Dispose();
        var (dataset, report) = DatasetLoader.LoadWithReport(files.PathOf("set"), files.Options(useCache: false));
        using (dataset) Assert.False(report.FromCache);
        Assert.False(Directory.Exists(files.CacheDir));
    }
}
