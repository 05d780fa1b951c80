using EmoAug.Experiments;
using EmoAug.Generators;
using EmoAug.Generators.CycleGan;
using EmoAug.Training;
using System.Text.Json.Nodes;
using Xunit;

namespace EmoAug.Tests.Experiments;

/// <summary>--source with several classes: one CycleGAN per source, and equal shares of the generated faces; and the
/// gan+oversample arm.</summary>
public sealed class SeveralSourcesTests : IDisposable
{
    readonly string folder = Path.Combine(Path.GetTempPath(), "emoaug-sources-" + Guid.NewGuid().ToString("N"));

    ExperimentOptions Options(IReadOnlyList<string> sources, IReadOnlyList<string>? targets = null, string? ganFrom = null) =>
        new(Data: "synthetic:train=400,val=80,test=120", OutputDirectory: folder, Arms: ["baseline", "gan", "gan+oversample"],
            Sources: sources, Targets: targets, GanAmount: 0.5, Threads: 2, Gans: ganFrom is null ? null : new GanSource.UseAsIs([ganFrom]));

    [Fact]
    public void EachSourceHasItsGanAndGivesAnEqualShareOfTheGeneratedFaces()
    {
        var results = Experiment.Run(Options(["neutral", "happy"]), "test", budgetOverride: ExperimentTests.Tiny);

        Assert.Equal(["neutral -> disgust", "happy -> disgust"], results.Gans.Select(g => $"{g.Source} -> {g.Target}"));
        Assert.Equal(["neutral", "happy"], results.Quality.Select(q => q.Source));
        Assert.All(results.Quality, q => Assert.Equal("disgust", q.Target));

        // Half as many generated disgust faces as real ones, split over the two sources (the first takes the odd one).
        int realDisgust = results.ClassCounts["train"]["disgust"];
        int wanted = (int)Math.Round(0.5 * realDisgust);
        var ledger = UnitLedger.Open(folder);
        foreach (var gan in results.Gans)
        {
            var generation = ledger.Get<GenerationUnit>($"{gan.Fold}/generate/{gan.Source}2disgust");
            Assert.Equal((int)Math.Ceiling(0.5 * realDisgust / 2), generation.Count);
            var manifest = File.ReadLines(Path.Combine(generation.Directory, FaceGeneration.ManifestName)).Skip(1).ToList();
            Assert.All(manifest, row => Assert.Contains(gan.Checkpoint, row));
        }
        var ganRun = ledger.Get<ClassifierUnit>(ledger.Finished.Single(id => id.EndsWith("/seed0/gen50", StringComparison.Ordinal)));
        Assert.Equal(wanted, ganRun.GeneratedAdded["disgust"]);
        // gan+oversample adds the same faces and draws the classes evenly.
        var oversampled = ledger.Get<ClassifierUnit>(ledger.Finished.Single(id => id.EndsWith("/seed0/gen50-oversample", StringComparison.Ordinal)));
        Assert.Equal(wanted, oversampled.GeneratedAdded["disgust"]);
        Assert.True(ClassifierCheckpoint.Read(Path.Combine(oversampled.RunDirectory, ClassifierTrainer.LastFile)).Header.Training.Oversample);
        Assert.False(ClassifierCheckpoint.Read(Path.Combine(ganRun.RunDirectory, ClassifierTrainer.LastFile)).Header.Training.Oversample);

        Assert.Contains("generated:disgust from neutral", results.Figures.Keys);
        Assert.Contains("generated:disgust from happy", results.Figures.Keys);
        var settings = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, ExperimentSettingsFile.FileName)))!;
        Assert.Equal("[\"neutral\",\"happy\"]", settings["source"]!.ToJsonString());
    }

    [Fact]
    public void OneSourceIsRecordedAsBefore()
    {
        var settings = ExperimentSettingsFile.Of(Options(["neutral"]), ExperimentTests.Tiny);
        Assert.Equal("\"neutral\"", settings["source"]!.ToJsonString());
        Assert.Equal(settings.ToJsonString(), ExperimentSettingsFile.Of(Options([]), ExperimentTests.Tiny).ToJsonString());
    }

    [Fact]
    public void ASourceGivenTwiceATargetThatIsASourceAndOnePretrainedGanForTwoSourcesAreRefused()
    {
        EmoAugException Refused(ExperimentOptions options) =>
            Assert.Throws<EmoAugException>(() => Experiment.Run(options, "test", budgetOverride: ExperimentTests.Tiny));

        Assert.StartsWith("--source neutral calm: a class is given twice", Refused(Options(["neutral", "calm"])).Message);
        Assert.StartsWith("--targets: 'happy' is a source class", Refused(Options(["neutral", "happy"], ["disgust", "happy"])).Message);
        Assert.StartsWith("--gan-from: one CycleGAN translates one class", Refused(Options(["neutral", "happy"], ganFrom: folder)).Message);
        Assert.False(Directory.Exists(folder));
    }

    public void Dispose()
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }
}
