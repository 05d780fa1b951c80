using EmoAug.Cli;
using EmoAug.Data;
using EmoAug.Generators;
using EmoAug.Generators.CycleGan;
using EmoAug.Models;
using EmoAug.Runtime;
using EmoAug.Training;
using TorchSharp;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace EmoAug.Tests.Gan;

/// <summary>`train-gan --guide`: a frozen classifier's cross-entropy on the translations joins the generators' loss.</summary>
public class ClassifierGuideTests(ITestOutputHelper output)
{
    const string Data = "synthetic:size=32,train=400,val=60,test=60";

    static int Run(params string[] args) => CommandRunner.Run(EmoAugCommands.Root(), args);

    static CycleGanOptions Small() => new(Epochs: 3, DecayEpochs: 0, Ngf: 8, Ndf: 8, Blocks: 1, DiscriminatorLayers: 2,
        BatchSize: 4, EpochSize: "max", SampleCount: 2, Seed: 1, Threads: 1);

    [Fact]
    public void AGuidedGeneratorMakesFacesItsGuideCallsTheTargetClass()
    {
        using var folder = new TempFolder();
        using var data = DatasetLoader.Load(Data, new LoadOptions());
        var classifier = folder.File("classifier");
        Assert.Equal(0, Run("train-classifier", "--paper", "--data", Data, "--size", "32", "--out", classifier, "--epochs", "2", "--threads", "1"));
        using var neutral = NeutralTrainingFaces(data);
        using var guide = ClassifierGuide.Load(classifier, "neutral", "disgust", 32, ComputeDevice.Cpu);

        // The guide's cross-entropy toward disgust on every neutral training face, translated by a generator.
        (double CrossEntropy, IReadOnlyList<CycleGanEpoch> History) Train(CycleGanOptions options, string dir)
        {
            using var trainer = new CycleGanTrainer(data, "neutral", "disgust", options, dir);
            trainer.Train();
            using var noGrad = no_grad();
            trainer.Networks.GeneratorAB.eval();
            using var translated = trainer.Networks.GeneratorAB.call(neutral);
            using var loss = guide.Loss(translated, towardTarget: true);
            return (loss.item<float>(), trainer.History);
        }
        var (unguided, plainHistory) = Train(Small(), folder.File("plain"));
        var (guided, guidedHistory) = Train(Small() with { Guide = [classifier], GuideWeight = 5 }, folder.File("guided"));
        output.WriteLine($"guide's cross-entropy toward disgust: unguided {unguided:F3}, guided {guided:F3}");

        // Same seed, data and networks: only the guide's loss differs (3.30 against 2.49 when written).
        Assert.True(guided < unguided * 0.85, $"guided {guided:F3} against unguided {unguided:F3}");
        Assert.All(plainHistory, e => Assert.Equal(0, e.MeanLosses.GuideAB));
        Assert.All(guidedHistory, e => Assert.True(e.MeanLosses.GuideAB > 0 && e.MeanLosses.GuideBA > 0));
        Assert.Contains("guide_ab", File.ReadLines(Path.Combine(folder.File("guided"), "losses.csv")).First());
    }

    [Fact]
    public void AGuideThatCannotJudgeTheFacesIsRefusedNamingTheOption()
    {
        using var folder = new TempFolder();
        var small = folder.File("classifier16");
        Assert.Equal(0, Run("train-classifier", "--paper", "--data", "synthetic:size=16,train=200,val=40,test=40", "--size", "16",
            "--out", small, "--epochs", "1", "--threads", "1"));
        using var data = DatasetLoader.Load(Data, new LoadOptions());
        var wrongSize = Assert.Throws<EmoAugException>(() =>
            new CycleGanTrainer(data, "neutral", "disgust", Small() with { Guide = [small], GuideWeight = 1 }, folder.File("a")));
        Assert.Contains("--guide", wrongSize.Message);
        Assert.Contains("16x16", wrongSize.Message);
        var missing = Assert.Throws<EmoAugException>(() =>
            new CycleGanTrainer(data, "neutral", "disgust", Small() with { Guide = [folder.File("none")], GuideWeight = 1 }, folder.File("b")));
        Assert.Contains(folder.File("none"), missing.Message);

        // On the command line: a weight without a guide, or a guide of the wrong size: exit 2, no run folder.
        Assert.Equal(2, Run("train-gan", "--data", Data, "--from", "neutral", "--to", "disgust", "--out", folder.File("c"),
            "--guide-weight", "2", "--epochs", "1", "--decay-epochs", "0"));
        Assert.Equal(2, Run("train-gan", "--data", Data, "--from", "neutral", "--to", "disgust", "--out", folder.File("d"),
            "--guide", small, "--epochs", "1", "--decay-epochs", "0"));
        Assert.Equal(2, Run("train-gan", "--data", Data, "--from", "neutral", "--to", "disgust", "--out", folder.File("e"),
            "--guide-augment", "--epochs", "1", "--decay-epochs", "0"));
        Assert.False(Directory.Exists(folder.File("c")));
        Assert.False(Directory.Exists(folder.File("d")));
        Assert.False(Directory.Exists(folder.File("e")));
    }

    [Fact]
    public void SeveralGuidesGiveTheMeanOfTheirCrossEntropies_AndOneGuideIsStoredAsBefore()
    {
        using var folder = new TempFolder();
        string first = folder.File("first"), second = folder.File("second");
        foreach (var (run, seed) in new[] { (first, "1"), (second, "2") })
            Assert.Equal(0, Run("train-classifier", "--paper", "--data", Data, "--size", "32", "--out", run, "--epochs", "1", "--threads", "1", "--seed", seed));
        using var data = DatasetLoader.Load(Data, new LoadOptions());
        using var faces = NeutralTrainingFaces(data);
        using var one = ClassifierGuide.Load(first, "neutral", "disgust", 32, ComputeDevice.Cpu);
        using var other = ClassifierGuide.Load(second, "neutral", "disgust", 32, ComputeDevice.Cpu);
        using var both = ClassifierGuide.Load([first, second], "neutral", "disgust", 32, ComputeDevice.Cpu);
        foreach (bool towardTarget in new[] { true, false })
        {
            double a = one.Loss(faces, towardTarget).item<float>(), b = other.Loss(faces, towardTarget).item<float>();
            Assert.NotEqual(a, b, 4);
            Assert.Equal((a + b) / 2, both.Loss(faces, towardTarget).item<float>(), 4);
        }

        // The command line takes several; the checkpoint names them all. One guide is written as a plain string,
        // as checkpoints made before several were possible hold it, and those still read.
        var gan = folder.File("gan");
        Assert.Equal(0, Run("train-gan", "--data", Data, "--from", "neutral", "--to", "disgust", "--out", gan, "--guide", first, second,
            "--epochs", "1", "--decay-epochs", "0", "--ngf", "8", "--ndf", "8", "--blocks", "1", "--d-layers", "2", "--batch-size", "8", "--threads", "1"));
        Assert.Equal([first, second], CycleGanCheckpoint.ReadHeader(Path.Combine(gan, "cyclegan.ckpt")).Options.Guide);
        Assert.False(CycleGanCheckpoint.ReadHeader(Path.Combine(gan, "cyclegan.ckpt")).Options.GuideAugment);
        var json = System.Text.Json.JsonSerializer.Serialize(Small() with { Guide = [first], GuideWeight = 1 }, ClassifierCheckpoint.Json);
        Assert.Contains($"\"guide\": {System.Text.Json.JsonSerializer.Serialize(first)}", json);
        var read = System.Text.Json.JsonSerializer.Deserialize<CycleGanOptions>(json, ClassifierCheckpoint.Json)!;
        Assert.Equal([first], read.Guide);
        Assert.DoesNotContain("guide", System.Text.Json.JsonSerializer.Serialize(Small(), ClassifierCheckpoint.Json));
        Assert.DoesNotContain("guide_augment", json);
    }

    [Fact]
    public void GuideAugmentChangesWhatTheGuideSees_IsRecorded_AndRepeats()
    {
        using var folder = new TempFolder();
        var classifier = folder.File("classifier");
        Assert.Equal(0, Run("train-classifier", "--paper", "--data", Data, "--size", "32", "--out", classifier, "--epochs", "1", "--threads", "1"));
        string[] Gan(string dir, params string[] extra) => ["train-gan", "--data", Data, "--from", "neutral", "--to", "disgust",
            "--out", dir, "--guide", classifier, "--epochs", "2", "--decay-epochs", "0", "--ngf", "8", "--ndf", "8", "--blocks", "1",
            "--d-layers", "2", "--batch-size", "8", "--threads", "1", .. extra];
        static IEnumerable<string> LossesWithoutTime(string run) =>
            File.ReadAllLines(Path.Combine(run, "losses.csv")).Skip(1).SelectMany(line => line.Split(',').Where((_, i) => i != 3));
        string plain = folder.File("plain"), augmented = folder.File("augmented");
        Assert.Equal(0, Run(Gan(plain)));
        Assert.Equal(0, Run(Gan(augmented, "--guide-augment")));
        Assert.True(CycleGanCheckpoint.ReadHeader(Path.Combine(augmented, "cyclegan.ckpt")).Options.GuideAugment);
        Assert.NotEqual(LossesWithoutTime(plain), LossesWithoutTime(augmented));

        // Same seed, same data, same options: the same losses (the draws come from the run's seeded generator).
        var again = folder.File("again");
        Assert.Equal(0, Run(Gan(again, "--guide-augment")));
        Assert.Equal(LossesWithoutTime(augmented), LossesWithoutTime(again));
    }

    static Tensor NeutralTrainingFaces(FaceDataset data)
    {
        using var train = data.WhereSplit("train");
        var labels = train.LabelArray();
        var rows = Enumerable.Range(0, train.Count).Where(i => labels[i] == EmotionVocabulary.Neutral).Select(i => (long)i).ToArray();
        using var index = tensor(rows);
        using var bytes = train.Images.index_select(0, index);
        return GanImages.ToGan(bytes);
    }
}
