using System.Text.RegularExpressions;
using EmoAug.Reporting;
using Xunit;

namespace EmoAug.Tests;

public sealed class HtmlReportTests : IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("emoaug-report-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void WritesOneSelfContainedHtmlAndAMarkdownTwin()
    {
        var png = Path.Combine(dir, "plots", "acc.png");
        LinePlot.Save(png, [new LineSeries("a", [0.0, 1], [0.5, 0.7])], "acc", "x", "y", 200, 150);
        var report = new HtmlReport("Experiment <demo>")
            .Heading("Arms")
            .Paragraph("Baseline against GAN & classic.")
            .Table(["arm", "accuracy"], [["baseline", "0.61"], ["gan|classic", "0.64"]])
            .Image(png, "accuracy against generated data")
            .Code("emoaug demo --seeds 2");
        var htmlPath = report.Save(dir);

        Assert.Equal(Path.Combine(dir, "report.html"), htmlPath);
        var html = File.ReadAllText(htmlPath);
        Assert.Contains("<h1>Experiment &lt;demo&gt;</h1>", html);
        Assert.Contains("<h2>Arms</h2>", html);
        Assert.Contains("<p>Baseline against GAN &amp; classic.</p>", html);
        Assert.Contains("<td>gan|classic</td><td>0.64</td>", html);
        Assert.Contains("<pre><code>emoaug demo --seeds 2</code></pre>", html);
        var embedded = Regex.Match(html, "src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"");
        Assert.True(embedded.Success, "image not embedded");
        Assert.Equal(File.ReadAllBytes(png), Convert.FromBase64String(embedded.Groups[1].Value));
        // Self-contained: no link, script or source pointing anywhere else.
        Assert.DoesNotMatch("(src|href)=\"(?!data:)", html);
        Assert.DoesNotContain("<link", html);
        Assert.DoesNotContain("http", html);

        var md = File.ReadAllText(Path.Combine(dir, "report.md"));
        Assert.StartsWith("# Experiment <demo>", md);
        Assert.Contains("## Arms", md);
        Assert.Contains("| gan\\|classic | 0.64 |", md);
        Assert.Contains("![accuracy against generated data](plots/acc.png)", md);
        Assert.Empty(Directory.GetFiles(dir, "*.tmp"));
    }

    [Fact]
    public void AMissingImageIsAUserErrorAndNothingIsWritten()
    {
        var report = new HtmlReport("r").Image("nowhere.png", "x");
        var error = Assert.Throws<EmoAugException>(() => report.Save(dir));
        Assert.Contains("nowhere.png", error.Message);
        Assert.False(File.Exists(Path.Combine(dir, "report.html")));
        Assert.False(File.Exists(Path.Combine(dir, "report.md")));
    }

    [Fact]
    public void RowsMustMatchTheHeader()
    {
        Assert.Throws<ArgumentException>(() => new HtmlReport("r").Table(["a", "b"], [["1"]]));
    }
}
