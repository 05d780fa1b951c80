using System.Text.Json.Nodes;
using EmoAug.Experiments;
using EmoAug.Tests.Data;
using Xunit;

namespace EmoAug.Tests.Experiments;

/// <summary>The default source and target (neutral -> disgust) on data that lack those classes, as CK+ and other sets
/// of six posed expressions do: the most common class is translated into the rarest one.</summary>
public sealed class DefaultClassesTests : IDisposable
{
    readonly DataFiles files = new();

    /// <summary>Class folders without neutral or disgust: happy is the most common class, fear the rarest.</summary>
    string SixExpressions(bool withDisgust = false)
    {
        var counts = new Dictionary<string, int> { ["happy"] = 24, ["angry"] = 14, ["sad"] = 12, ["surprise"] = 10, ["fear"] = 6 };
        if (withDisgust) counts["disgust"] = 8;
        int n = 0;
        foreach (var (name, count) in counts)
            for (int i = 0; i < count; i++, n++)
                files.Gray($"six/{(i % 4 == 0 ? "test" : "train")}/{name}/{i}.png", (byte)(20 + 9 * n % 200));
        return files.PathOf("six");
    }

    ExperimentResults Run(string data, string output, IReadOnlyList<string>? targets = null, string? excludeList = null) =>
        Experiment.Run(new ExperimentOptions(Data: data, OutputDirectory: files.PathOf(output), Arms: ["baseline", "gan"],
            Targets: targets, Threads: 2, ExcludeList: excludeList), "test", budgetOverride: ExperimentTests.Tiny);

    [Fact]
    public void WithoutNeutralAndDisgustTheMostCommonClassIsTranslatedIntoTheRarest()
    {
        var results = Run(SixExpressions(), "no-neutral");

        var gan = Assert.Single(results.Gans);
        Assert.Equal(("happy", "fear"), (gan.Source, gan.Target));
        Assert.Equal(["happy"], results.Options.Sources!);
        Assert.Equal(["fear"], results.Options.Targets!);
        var settings = JsonNode.Parse(File.ReadAllText(Path.Combine(files.PathOf("no-neutral"), ExperimentSettingsFile.FileName)))!;
        Assert.Equal("\"happy\"", settings["source"]!.ToJsonString());
        // The GAN quality table names the translation.
        Assert.Contains("happy -> fear", File.ReadAllText(Path.Combine(files.PathOf("no-neutral"), ExperimentReport.MarkdownName)));
    }

    [Fact]
    public void DisgustStaysTheDefaultTargetWhereTheDataHaveIt()
    {
        var results = Run(SixExpressions(withDisgust: true), "with-disgust", targets: null);

        var gan = Assert.Single(results.Gans);
        Assert.Equal(("happy", "disgust"), (gan.Source, gan.Target));
    }

    [Fact]
    public void AGivenClassTheDataLackIsStillRefused()
    {
        var refused = Assert.Throws<EmoAugException>(() => Run(SixExpressions(), "refused", targets: ["neutral"]));
        Assert.StartsWith("--targets neutral: the data have no images of this class", refused.Message);
        Assert.False(Directory.Exists(files.PathOf("refused")));
    }

    [Fact]
    public void AnExcludeListLeavesImagesOutBeforeTheClassesAreChosen()
    {
        var data = SixExpressions();
        // Every fear image listed (relative to the dataset, as SFEW's bad_alignment.txt is): surprise is now the rarest.
        var list = files.Text("not-fear.txt", "# fear left out\n" + string.Join("\n",
            Directory.GetFiles(data, "*.png", SearchOption.AllDirectories).Where(f => f.Contains("/fear/"))
                .Select(f => Path.GetRelativePath(data, f))));

        var results = Run(data, "excluded", excludeList: list);

        Assert.Equal(("happy", "surprise"), (results.Gans[0].Source, results.Gans[0].Target));
        Assert.Equal(0, results.ClassCounts["train"]["fear"]);
        var settings = JsonNode.Parse(File.ReadAllText(Path.Combine(files.PathOf("excluded"), ExperimentSettingsFile.FileName)))!;
        Assert.Equal(list, settings["exclude_list"]!.GetValue<string>());
    }

    public void Dispose() => files.Dispose();
}
