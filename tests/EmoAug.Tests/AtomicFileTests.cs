using Xunit;

namespace EmoAug.Tests;

public class AtomicFileTests
{
    // Parallel tests loading one cached dataset write its cache file from two threads of one process at once; with a
    // temporary name made of the process id alone the second writer failed to open it ("in use by another process").
    [Fact]
    public async Task ThreadsOfOneProcessWritingOneFileAtOnceAllSucceedAndLeaveOneWholeFile()
    {
        using var folder = new TempFolder();
        var path = folder.File("shared.bin");
        var contents = Enumerable.Range(0, 8).Select(i => Enumerable.Repeat((byte)(i + 1), 1 << 20).ToArray()).ToArray();
        using var start = new Barrier(contents.Length);
        var writers = contents.Select(bytes => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            AtomicFile.WriteAllBytes(path, bytes);
        }, TaskCreationOptions.LongRunning)).ToArray();
        await Task.WhenAll(writers);

        var written = File.ReadAllBytes(path);
        Assert.Contains(contents, c => c.AsSpan().SequenceEqual(written));
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp"));
    }
}
