using EmoAug.Cli;
using EmoAug.Data;
using EmoAug.Generators;
using EmoAug.Generators.CycleGan;
using EmoAug.Training;
using System.Text.Json.Nodes;
using Xunit;

namespace EmoAug.Tests.Gan;

/// <summary>`emoaug gan-quality` end to end on a tiny CycleGAN and a tiny classifier of the synthetic faces.</summary>
public class GanQualityCommandTests
{
    const string Data = "synthetic:size=32,train=400,val=60,test=60";

    static int Run(params string[] args) => CommandRunner.Run(EmoAugCommands.Root(), args);

    [Fact]
    public void WritesTheThreeMeasuresAndKeepsTheJudgedFacesAndRefusesAMismatchedClassifier()
    {
        using var folder = new TempFolder();
        using var data = DatasetLoader.Load(Data, new LoadOptions());
        var ganDir = folder.File("gan");
        using (var trainer = new CycleGanTrainer(data, "neutral", "disgust",
                   new CycleGanOptions(Epochs: 1, DecayEpochs: 0, Ngf: 8, Ndf: 8, Blocks: 1, DiscriminatorLayers: 2,
                       BatchSize: 4, SampleCount: 2, Threads: 1), ganDir))
            trainer.Train();
        var classifierDir = folder.File("classifier");
        Assert.Equal(0, Run("train-classifier", "--paper", "--data", Data, "--size", "32", "--out", classifierDir, "--epochs", "1", "--threads", "1"));

        var json = folder.File("quality.json");
        Assert.Equal(0, Run("gan-quality", "--gan", ganDir, "--classifier", classifierDir, "--data", Data, "--count", "20",
            "--out", json, "--threads", "1"));
        var document = JsonNode.Parse(File.ReadAllText(json))!.AsObject();
        Assert.Equal("cyclegan", document["family"]!.GetValue<string>());
        var quality = Assert.Single(document["reports"]!.AsArray())!.AsObject();
        Assert.Equal("disgust", quality["target_class"]!.GetValue<string>());
        Assert.Equal("neutral", quality["source_class"]!.GetValue<string>());
        Assert.Equal(20, quality["generated"]!.GetValue<int>());
        Assert.InRange(quality["gan_test"]!.GetValue<double>(), 0, 1);
        Assert.InRange(quality["source_as_target"]!.GetValue<double>(), 0, 1);
        Assert.InRange(quality["real_as_target"]!.GetValue<double>(), 0, 1);
        var labels = quality["generated_labels"]!.AsObject();
        Assert.Equal(7, labels.Count);
        Assert.Equal(1.0, labels.Sum(l => l.Value!.GetValue<double>()), 9);
        Assert.Equal(quality["gan_test"]!.GetValue<double>(), labels["disgust"]!.GetValue<double>());
        Assert.True(quality["identity_l1"]!.GetValue<double>() > 0, "a translation must change the face somewhat");
        Assert.True(quality["kid"]!["standard_error"]!.GetValue<double>() >= 0);

        // A classifier trained at another size cannot judge these faces: one line, exit 2, nothing written.
        var otherSize = folder.File("classifier16");
        Assert.Equal(0, Run("train-classifier", "--paper", "--data", "synthetic:size=16,train=200,val=40,test=40", "--size", "16",
            "--out", otherSize, "--epochs", "1", "--threads", "1"));
        var refused = folder.File("refused.json");
        Assert.Equal(2, Run("gan-quality", "--gan", ganDir, "--classifier", otherSize, "--data", Data, "--out", refused));
        Assert.False(File.Exists(refused));

        // generate --judge keeps the faces the classifier finds most like disgust; a mismatched judge writes nothing.
        var kept = folder.File("kept");
        Assert.Equal(0, Run("generate", "--gan", ganDir, "--data", Data, "--size", "32", "--count", "10", "--keep", "4",
            "--judge", classifierDir, "--out", kept, "--threads", "1"));
        Assert.Equal(4, Directory.GetFiles(Path.Combine(kept, "disgust"), "*.png").Length);
        var notKept = folder.File("not-kept");
        Assert.Equal(2, Run("generate", "--gan", ganDir, "--data", Data, "--size", "32", "--count", "10", "--keep", "4",
            "--judge", otherSize, "--out", notKept));
        Assert.Equal(2, Run("generate", "--gan", ganDir, "--data", Data, "--size", "32", "--judge", classifierDir, "--out", notKept));
        Assert.False(Directory.Exists(notKept));
    }
}
