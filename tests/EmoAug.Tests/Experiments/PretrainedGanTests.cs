using EmoAug.Data;
using EmoAug.Experiments;
using EmoAug.Experiments.Planning;
using EmoAug.Generators;
using EmoAug.Generators.CycleGan;
using EmoAug.Tests.Gan;
using EmoAug.Training;
using Xunit;

namespace EmoAug.Tests.Experiments;

/// <summary>--gan-from: a CycleGAN trained beforehand on other faces replaces the per-fold GAN training.</summary>
public sealed class PretrainedGanTests : IDisposable
{
    readonly string folder = Path.Combine(Path.GetTempPath(), "emoaug-gan-from-" + Guid.NewGuid().ToString("N"));
    string Experiment => Path.Combine(folder, "experiment");

    /// <summary>Trains a tiny CycleGAN on another synthetic set (other seed) than the experiment's.</summary>
    string PretrainedGan(string from, string to)
    {
        using var other = DatasetLoader.Load("synthetic:seed=7,train=400,val=20,test=20", new LoadOptions(Size: 48));
        var dir = Path.Combine(folder, $"gan-{from}2{to}");
        using var trainer = new CycleGanTrainer(other, from, to, GanTestData.Tiny(), dir);
        trainer.Train();
        return dir;
    }

    ExperimentOptions Options(params string[] ganFrom) => new(Data: "synthetic:train=400,val=80,test=120", OutputDirectory: Experiment,
        Arms: ["baseline", "gan"], Threads: 2, Gans: ganFrom.Length > 0 ? new GanSource.UseAsIs(ganFrom) : null);

    [Fact]
    public void EveryFoldUsesTheGivenGanAndTrainsNone()
    {
        var gan = PretrainedGan("neutral", "disgust");

        var results = EmoAug.Experiments.Experiment.Run(Options(gan), "test", budgetOverride: ExperimentTests.Tiny);

        var unit = Assert.Single(results.Gans);
        Assert.True(unit.Pretrained);
        Assert.Equal(Path.Combine(gan, CycleGanCheckpoint.FileName), unit.Checkpoint);
        Assert.Empty(Directory.GetDirectories(Experiment, "gan-*", SearchOption.AllDirectories));
        // The generated faces came from that checkpoint, and the GAN arm added as many as there are real disgust faces.
        var manifest = Directory.GetFiles(Experiment, FaceGeneration.ManifestName, SearchOption.AllDirectories).Single();
        Assert.All(File.ReadLines(manifest).Skip(1), row => Assert.Contains(unit.Checkpoint, row));
        var ledger = UnitLedger.Open(Experiment);
        var ganRun = ledger.Get<ClassifierUnit>(ledger.Finished.Single(id => id.EndsWith("/seed0/gen100", StringComparison.Ordinal)));
        Assert.Equal(results.ClassCounts["train"]["disgust"], ganRun.GeneratedAdded["disgust"]);
        Assert.Contains("--gan-from", File.ReadAllText(Path.Combine(Experiment, ExperimentReport.MarkdownName)));
        Assert.Contains(Path.GetFullPath(gan), File.ReadAllText(Path.Combine(Experiment, ExperimentSettingsFile.FileName)));
    }

    [Fact]
    public void AGanForOtherClassesOrAMissingOneIsRefusedBeforeAnythingIsWritten()
    {
        var happy = PretrainedGan("neutral", "happy");

        var wrong = Assert.Throws<EmoAugException>(() => EmoAug.Experiments.Experiment.Run(Options(happy), "test", budgetOverride: ExperimentTests.Tiny));
        Assert.Contains("--gan-from", wrong.Message);
        Assert.Contains("neutral -> happy", wrong.Message);
        Assert.Contains("neutral -> disgust", wrong.Message);

        var missing = Path.Combine(folder, "no-such-gan");
        var absent = Assert.Throws<EmoAugException>(() => EmoAug.Experiments.Experiment.Run(Options(missing), "test", budgetOverride: ExperimentTests.Tiny));
        Assert.StartsWith($"--gan-from {missing}:", absent.Message);
        Assert.False(Directory.Exists(Experiment));
    }

    [Fact]
    public void SeveralTargetsTakeOneGanEach_AndAMissingOrSecondGanForATargetIsRefused()
    {
        var disgust = PretrainedGan("neutral", "disgust");
        var happy = PretrainedGan("neutral", "happy");
        EmoAugException Refused(ExperimentOptions o) =>
            Assert.Throws<EmoAugException>(() => EmoAug.Experiments.Experiment.Run(o, "test", budgetOverride: ExperimentTests.Tiny));

        var oneMissing = Refused(Options(disgust) with { Targets = ["disgust", "happy"] });
        Assert.Equal("--gan-from: none of the 1 CycleGAN(s) given translates neutral -> happy; give one per target (see --targets)", oneMissing.Message);
        var twice = Refused(Options(disgust, happy, disgust) with { Targets = ["disgust", "happy"] });
        Assert.StartsWith($"--gan-from {disgust}: a second CycleGAN for neutral -> disgust", twice.Message);
        Assert.False(Directory.Exists(Experiment));

        // Given in the other order than the targets: each target still takes the GAN that makes it.
        var results = EmoAug.Experiments.Experiment.Run(Options(happy, disgust) with { Targets = ["disgust", "happy"] }, "test",
            budgetOverride: ExperimentTests.Tiny);

        Assert.Equal(2, results.Gans.Count);
        Assert.All(results.Gans, g => Assert.True(g.Pretrained));
        Assert.Equal(Path.Combine(disgust, CycleGanCheckpoint.FileName), results.Gans.Single(g => g.Target == "disgust").Checkpoint);
        Assert.Equal(Path.Combine(happy, CycleGanCheckpoint.FileName), results.Gans.Single(g => g.Target == "happy").Checkpoint);
        foreach (var (target, gan) in new[] { ("disgust", disgust), ("happy", happy) })
        {
            var manifest = Directory.GetFiles(Experiment, FaceGeneration.ManifestName, SearchOption.AllDirectories)
                .Single(m => Path.GetFileName(Path.GetDirectoryName(m)) == "generated-" + target);
            Assert.All(File.ReadLines(manifest).Skip(1), row => Assert.Contains(Path.Combine(gan, CycleGanCheckpoint.FileName), row));
        }
        var settings = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(Experiment, ExperimentSettingsFile.FileName)))!;
        Assert.Equal(2, settings["gan_from"]!.AsArray().Count);
    }

    [Fact]
    public void GanInitFrom_EachFoldTrainsItsOwnGanStartedFromTheGivenOne_WithItsNetworkSizes()
    {
        var start = PretrainedGan("neutral", "disgust");
        var startCheckpoint = Path.Combine(start, CycleGanCheckpoint.FileName);
        EmoAugException Refused(ExperimentOptions o) =>
            Assert.Throws<EmoAugException>(() => EmoAug.Experiments.Experiment.Run(o, "test", budgetOverride: ExperimentTests.Tiny));
        Assert.StartsWith("--gan-init-from: starts the GANs", Assert.Throws<EmoAugException>(() => GanSource.Of([start], [start], false, false)).Message);
        Assert.StartsWith($"--gan-init-from {start}: translates neutral -> disgust",
            Refused(Options() with { Gans = new GanSource.StartFrom([start]), Targets = ["happy"] }).Message);
        Assert.False(Directory.Exists(Experiment));

        // So small a learning rate keeps the fold GAN at its starting weights, which random ones would not be.
        var budget = ExperimentTests.Tiny with { Gan = ExperimentTests.Tiny.Gan with { LearningRate = 1e-12 } };
        var results = EmoAug.Experiments.Experiment.Run(Options() with { Gans = new GanSource.StartFrom([start]) }, "test", budgetOverride: budget);

        var unit = Assert.Single(results.Gans);
        Assert.False(unit.Pretrained);
        Assert.Equal(startCheckpoint, unit.StartedFrom);
        Assert.StartsWith(Experiment, unit.Checkpoint);
        var trained = CycleGanCheckpoint.ReadHeader(unit.Checkpoint);
        var started = CycleGanCheckpoint.ReadHeader(startCheckpoint);
        // The starting GAN's network sizes (ngf 4, ndf 4), not the budget's (8, 16); the budget's schedule.
        Assert.Equal((started.Options.Ngf, started.Options.Ndf, started.Options.Blocks), (trained.Options.Ngf, trained.Options.Ndf, trained.Options.Blocks));
        Assert.NotEqual(budget.Gan.Ngf, trained.Options.Ngf);
        Assert.Equal(budget.Gan.TotalEpochs, trained.CompletedEpochs);
        Assert.Equal(startCheckpoint, trained.Options.InitFrom);
        using var startNetworks = new CycleGanNetworks(started.Options, TorchSharp.torch.CPU);
        using var trainedNetworks = new CycleGanNetworks(trained.Options, TorchSharp.torch.CPU);
        CycleGanCheckpoint.Load(startCheckpoint, startNetworks);
        CycleGanCheckpoint.Load(unit.Checkpoint, trainedNetworks);
        var before = GanTestData.Parameters(startNetworks);
        var after = GanTestData.Parameters(trainedNetworks);
        Assert.Equal(before.Length, after.Length);
        Assert.All(before.Zip(after), pair => Assert.Equal(pair.First, pair.Second, 1e-6f));

        Assert.Contains("--gan-init-from", File.ReadAllText(Path.Combine(Experiment, ExperimentReport.MarkdownName)));
        var settings = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(Experiment, ExperimentSettingsFile.FileName)))!;
        Assert.Equal(Path.GetFullPath(start), (string?)settings["gan_init_from"]![0]);
    }

    [Fact]
    public void AJudgeFineTunedFromTheClassifierThatGuidedTheGanIsFlagged()
    {
        using var other = DatasetLoader.Load("synthetic:seed=7,train=400,val=20,test=20", new LoadOptions(Size: 48));
        var classifier = Path.Combine(folder, "classifier");
        new ClassifierTrainer(ExperimentTests.Tiny.Classifier).Train(other, classifier, "synthetic");
        var guided = Path.Combine(folder, "gan-guided");
        using (var trainer = new CycleGanTrainer(other, "neutral", "disgust",
                   GanTestData.Tiny() with { Guide = [classifier], GuideWeight = 1 }, guided))
            trainer.Train();
        var unguided = PretrainedGan("neutral", "disgust");
        string Report() => File.ReadAllText(Path.Combine(Experiment, ExperimentReport.MarkdownName));

        // Every arm, and so GAN-test's judge, starts from the classifier that guided the GAN.
        var flagged = EmoAug.Experiments.Experiment.Run(Options(guided) with { InitFrom = classifier }, "test",
            budgetOverride: ExperimentTests.Tiny);
        Assert.True(flagged.JudgeSharesGuideStart);
        Assert.Contains("judged by a classifier trained from random weights", Report());
        // GAN-test was judged by a classifier of the fold trained from random weights, not by the fine-tuned baseline.
        var quality = Assert.Single(flagged.Quality);
        Assert.Equal($"baseline classifier from scratch, seed {ExperimentPlanner.ScratchJudgeSeed}", quality.JudgedBy);
        var ledger = UnitLedger.Open(Experiment);
        var judge = ledger.Get<ClassifierUnit>(Assert.Single(ledger.Finished, id => id.EndsWith("/judge-from-scratch", StringComparison.Ordinal)));
        Assert.Null(ClassifierCheckpoint.Read(Path.Combine(judge.RunDirectory, ClassifierTrainer.LastFile)).Header.Training.InitFrom);
        var baseline = ledger.Get<ClassifierUnit>(Assert.Single(ledger.Finished, id => id.EndsWith("/seed0/real", StringComparison.Ordinal)));
        Assert.NotNull(ClassifierCheckpoint.Read(Path.Combine(baseline.RunDirectory, ClassifierTrainer.LastFile)).Header.Training.InitFrom);

        Directory.Delete(Experiment, recursive: true);
        var clear = EmoAug.Experiments.Experiment.Run(Options(unguided) with { InitFrom = classifier }, "test",
            budgetOverride: ExperimentTests.Tiny);
        Assert.False(clear.JudgeSharesGuideStart);
        Assert.DoesNotContain("trained from random weights", Report());
        Assert.Equal("baseline classifier, seed 0", Assert.Single(clear.Quality).JudgedBy);
    }

    public void Dispose()
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }
}
