using System.Diagnostics;
using System.Text.RegularExpressions;
using EmoAug.Cli;
using Xunit;

namespace EmoAug.Tests.Experiments;

/// <summary>
/// An experiment's report.html opened in a real headless browser (Debian's chromium, which scripts/test.sh installs):
/// every figure decodes. A page with a damaged figure is opened too, so the check is known to catch one.
/// </summary>
[Collection(SharedRandomGenerator.Name)]
public sealed class ReportInBrowserTests : IDisposable
{
    readonly TempFolder folder = new();

    /// <summary>Added before the page's end: once loaded, the body records how many images it has and how many decoded.</summary>
    const string Probe = "<script>window.addEventListener('load',()=>{const i=[...document.images];" +
        "document.body.setAttribute('data-figures',i.length+':'+i.filter(x=>x.complete&&x.naturalWidth>0).length);});</script>";

    [Fact]
    public void EveryFigureOfTheReportLoadsInChromium()
    {
        var browser = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);
        Assert.True(browser != null, "no chromium at /usr/bin/chromium: scripts/test.sh installs Debian's chromium package");

        string run = folder.File("run");
        Assert.Equal(0, CommandRunner.Run(EmoAugCommands.Root(),
            ["experiment", "--data", "synthetic:size=16,train=280,val=40,test=70", "--size", "16", "--out", run,
             "--arms", "baseline", "gan", "--epochs", "1", "--gan-epochs", "1", "--threads", "1"]));
        var html = File.ReadAllText(Path.Combine(run, "report.html"));

        var (images, decoded) = Figures(browser!, html, "report");
        Assert.True(images >= 3, $"the report shows {images} figures");
        Assert.Equal(images, decoded);

        // The same page with its first figure's PNG signature overwritten: the browser says one did not decode (a
        // figure cut short still shows its first rows, so it counts as loaded).
        int png = html.IndexOf("base64,iVBORw0KGgo", StringComparison.Ordinal);
        Assert.True(png > 0, "the report embeds no PNG figure");
        var damaged = string.Concat(html.AsSpan(0, png), "base64,AAAAAAAAAAA", html.AsSpan(png + "base64,iVBORw0KGgo".Length));
        Assert.NotEqual(html, damaged);
        var (all, loaded) = Figures(browser!, damaged, "damaged");
        Assert.Equal(images, all);
        Assert.True(loaded < all, $"{loaded} of {all} figures decoded in the damaged page");
    }

    (int Images, int Decoded) Figures(string browser, string html, string name)
    {
        var page = folder.File(name + ".html");
        File.WriteAllText(page, html.Replace("</body>", Probe + "</body>", StringComparison.Ordinal));
        var start = new ProcessStartInfo(browser)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // The flags this machine's closed network needs (no background connections), and a fresh profile.
        foreach (var arg in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--user-data-dir=" + folder.File(name + "-profile"), "--virtual-time-budget=10000", "--dump-dom",
                     new Uri(page).AbsoluteUri })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var dom = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(120_000), "chromium did not finish within 2 minutes");
        var counts = Regex.Match(dom, "data-figures=\"(\\d+):(\\d+)\"");
        Assert.True(counts.Success, $"chromium gave no figure count (exit {process.ExitCode}): {errors.Result.Split('\n').LastOrDefault(l => l.Length > 0)}");
        return (int.Parse(counts.Groups[1].Value), int.Parse(counts.Groups[2].Value));
    }

    public void Dispose() => folder.Dispose();
}
