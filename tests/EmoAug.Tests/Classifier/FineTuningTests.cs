using EmoAug.Models;
using EmoAug.Training;
using TorchSharp;
using Xunit;

namespace EmoAug.Tests.Classifier;

/// <summary>--init-from: training starts from another classifier's weights, and refuses one that does not fit.</summary>
[Collection(SharedRandomGenerator.Name)]
public class FineTuningTests
{
    static readonly ClassifierOptions Pretraining = new(Epochs: 2, BatchSize: 32, Threads: 1, Seed: 1, Patience: 0);

    [Fact]
    public void TrainingStartsFromThePretrainedWeights()
    {
        using var data = TinyData.Faces(size: 20, train: 160, val: 40, test: 10);
        using var pretrained = new TempFolder();
        new ClassifierTrainer(Pretraining).Train(data, pretrained.Path, "synthetic");

        // A learning rate so small that one epoch cannot move a weight measurably: what the run ends with is what it
        // started from. Another seed, so random weights would differ from the pretrained ones.
        var still = new ClassifierOptions(Epochs: 1, BatchSize: 32, Threads: 1, Seed: 5, LearningRate: 1e-12, Patience: 0);
        using var tuned = new TempFolder();
        new ClassifierTrainer(still with { InitFrom = pretrained.Path }).Train(data, tuned.Path, "synthetic");
        using var scratch = new TempFolder();
        new ClassifierTrainer(still).Train(data, scratch.Path, "synthetic");

        var start = Path.Combine(pretrained.Path, ClassifierTrainer.BestFile);
        Assert.True(LargestWeightDifference(start, Path.Combine(tuned.Path, ClassifierTrainer.LastFile)) < 1e-6);
        Assert.True(LargestWeightDifference(start, Path.Combine(scratch.Path, ClassifierTrainer.LastFile)) > 1e-2);
        // Recorded with the run, so a resume under other starting weights is refused like any other option change.
        Assert.Equal(pretrained.Path, ClassifierCheckpoint.Read(Path.Combine(tuned.Path, ClassifierTrainer.LastFile)).Header.Training.InitFrom);
    }

    [Fact]
    public void AClassifierThatDoesNotFitIsRefusedByName()
    {
        using var data = TinyData.Faces(size: 20, train: 80, val: 20, test: 10);
        using var pretrained = new TempFolder();
        new ClassifierTrainer(Pretraining with { Epochs = 1 }).Train(data, pretrained.Path, "synthetic");
        using var run = new TempFolder();

        var otherNetwork = Assert.Throws<EmoAugException>(() => new ClassifierTrainer(
            Pretraining with { Model = ClassifierNetwork.Vgg, InitFrom = pretrained.Path }).Train(data, run.Path, "synthetic"));
        Assert.StartsWith("--init-from", otherNetwork.Message);
        Assert.Contains("paper-cnn", otherNetwork.Message);

        var otherLayers = Assert.Throws<EmoAugException>(() => new ClassifierTrainer(
            Pretraining with { ModelOptions = new ModelOptions(ExtraConv: true), InitFrom = pretrained.Path }).Train(data, run.Path, "synthetic"));
        Assert.Contains("--extra-conv", otherLayers.Message);

        using var larger = TinyData.Faces(size: 24, train: 80, val: 20, test: 10);
        var otherSize = Assert.Throws<EmoAugException>(() => new ClassifierTrainer(
            Pretraining with { InitFrom = pretrained.Path }).Train(larger, run.Path, "synthetic"));
        Assert.Contains("20x20", otherSize.Message);

        var missing = Assert.Throws<EmoAugException>(() => new ClassifierTrainer(
            Pretraining with { InitFrom = Path.Combine(run.Path, "nothing-here") }).Train(data, run.Path, "synthetic"));
        Assert.StartsWith("--init-from", missing.Message);
        Assert.False(File.Exists(Path.Combine(run.Path, ClassifierTrainer.LastFile)));
    }

    static double LargestWeightDifference(string checkpointA, string checkpointB)
    {
        using var a = ClassifierCheckpoint.Read(checkpointA).CreateModel();
        using var b = ClassifierCheckpoint.Read(checkpointB).CreateModel();
        var bParameters = b.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        double largest = 0;
        foreach (var (name, parameter) in a.named_parameters())
        {
            using var difference = (parameter - bParameters[name]).abs().max();
            largest = Math.Max(largest, difference.item<float>());
        }
        return largest;
    }
}
