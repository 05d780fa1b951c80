using EmoAug.Evaluation;
using EmoAug.Experiments;
using EmoAug.Experiments.Planning;
using EmoAug.Generators;
using EmoAug.Generators.CycleGan;
using EmoAug.Training;
using Xunit;

namespace EmoAug.Tests.Experiments;

/// <summary>--gan-guide: each fold's GAN is guided by a classifier trained on that fold's real faces, never the judge.</summary>
public sealed class GuidedGanTests : IDisposable
{
    readonly string folder = Path.Combine(Path.GetTempPath(), "emoaug-gan-guide-" + Guid.NewGuid().ToString("N"));

    ExperimentOptions Options(bool guide) => new(Data: "synthetic:train=400,val=80,test=120",
        OutputDirectory: folder, Arms: ["baseline", "gan"], Threads: 2, Gans: guide ? new GanSource.Train(new GanGuide()) : null);

    [Fact]
    public void TheFoldGanIsGuidedByItsOwnSeparateClassifier_AndResumeRedoesNothing()
    {
        var results = Experiment.Run(Options(guide: true), "test", budgetOverride: ExperimentTests.Tiny);

        var gan = Assert.Single(results.Gans);
        Assert.NotNull(gan.Guide);
        var header = CycleGanCheckpoint.ReadHeader(gan.Checkpoint);
        Assert.Equal(gan.Guide, Assert.Single(header.Options.Guide!));
        Assert.Equal(1, header.Options.GuideWeight);
        // The guide was trained on the fold's real faces with its own seed, and is not the judge of GAN-test.
        using (var guide = TrainedClassifier.Load(gan.Guide!))
        {
            Assert.Equal(ExperimentPlanner.GuideSeed, guide.Header.Training.Seed);
            Assert.Equal(results.ClassCounts["train"].Values.Sum(), guide.Header.TrainCount);
        }
        var ledger = UnitLedger.Open(folder);
        var guideUnit = ledger.Get<ClassifierUnit>(Assert.Single(ledger.Finished, id => id.EndsWith("/guide", StringComparison.Ordinal)));
        Assert.Empty(guideUnit.GeneratedAdded);
        var quality = Assert.Single(results.Quality);
        var baseline = ledger.Get<ClassifierUnit>(Assert.Single(ledger.Finished, id => id.EndsWith("/seed0/real", StringComparison.Ordinal)));
        Assert.NotEqual(Path.GetFullPath(baseline.RunDirectory), Path.GetFullPath(guideUnit.RunDirectory));
        Assert.StartsWith("baseline", quality.JudgedBy);
        // The guide's cross-entropy was part of the generators' loss.
        var losses = File.ReadAllLines(Path.Combine(Path.GetDirectoryName(gan.Checkpoint)!, "losses.csv"));
        int column = Array.IndexOf(losses[0].Split(','), "guide_ab");
        Assert.True(column > 0, losses[0]);
        Assert.True(double.Parse(losses[1].Split(',')[column], System.Globalization.CultureInfo.InvariantCulture) > 0);
        var markdown = File.ReadAllText(Path.Combine(folder, ExperimentReport.MarkdownName));
        Assert.Contains("--gan-guide", markdown);
        Assert.DoesNotContain("trained from random weights", markdown);
        // Guides and judge fine-tuned from one pretrained classifier: the report says GAN-test is not independent.
        Assert.False(results.JudgeSharesGuideStart);
        ExperimentReport.Write(folder, results with { Options = results.Options with { InitFrom = "runs/fer-vgg" }, JudgeSharesGuideStart = true });
        Assert.Contains("The arms' classifiers start from --init-from runs/fer-vgg, and a classifier that guided",
            File.ReadAllText(Path.Combine(folder, ExperimentReport.MarkdownName)));

        var written = File.GetLastWriteTimeUtc(TrainedClassifier.ResolvePath(gan.Guide!));
        var again = Experiment.Run(Options(guide: true), "test", budgetOverride: ExperimentTests.Tiny);
        Assert.Equal(written, File.GetLastWriteTimeUtc(TrainedClassifier.ResolvePath(gan.Guide!)));
        Assert.Equal(results.Arms.Select(a => a.Accuracy.Mean), again.Arms.Select(a => a.Accuracy.Mean));

        // The same folder without the guide would mix unguided units with guided ones: refused.
        var mixed = Assert.Throws<EmoAugException>(() => Experiment.Run(Options(guide: false), "test", budgetOverride: ExperimentTests.Tiny));
        Assert.Contains("guide", mixed.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void AGuideForAPretrainedGanIsRefusedBeforeAnythingIsWritten()
    {
        // From the command line and from a config file's keys alike: the two cannot make one generator source.
        Assert.Equal(2, EmoAug.Cli.CommandRunner.Run(EmoAug.Cli.EmoAugCommands.Root(),
            ["experiment", "--data", "synthetic", "--out", folder, "--gan-guide", "--gan-from", "/no/such/gan"]));
        var config = folder + ".json";
        File.WriteAllText(config, """{"gan_guide": true, "gan_from": ["/no/such/gan"]}""");
        try
        {
            Assert.Equal(2, EmoAug.Cli.CommandRunner.Run(EmoAug.Cli.EmoAugCommands.Root(), ["experiment", "--data", "synthetic", "--out", folder, "--config", config]));
        }
        finally
        {
            File.Delete(config);
        }
        Assert.False(Directory.Exists(folder));
    }

    public void Dispose()
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }
}
