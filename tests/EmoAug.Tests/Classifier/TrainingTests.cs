using EmoAug.Evaluation;
using EmoAug.Training;
using Xunit;
using Xunit.Abstractions;

namespace EmoAug.Tests.Classifier;

[Collection(SharedRandomGenerator.Name)]
public class TrainingTests(ITestOutputHelper output)
{
    [Fact]
    public void PaperCnnLearnsTheSyntheticFaces()
    {
        using var data = TinyData.Faces(size: 32, train: 2400, val: 150, test: 300);
        using var run = new TempFolder();
        var options = new ClassifierOptions(Epochs: 6, BatchSize: 32, LearningRate: 0.001, Threads: 1, Seed: 3);
        var result = new ClassifierTrainer(options).Train(data, run.Path, "synthetic");

        using var classifier = TrainedClassifier.Load(run.Path);
        using var test = data.WhereSplit("test");
        var metrics = classifier.Evaluate(test).Metrics;
        output.WriteLine($"test accuracy {metrics.Accuracy:F4}, macro-F1 {metrics.MacroF1:F4}");
        // Chance is 1/7 and always answering "happy" scores about 0.25. The synthetic faces vary in identity, pose and
        // expression strength, so six short epochs reach about 0.65-0.7 (the set keeps improving with more epochs).
        Assert.True(metrics.MacroF1 > 0.3, $"test macro-F1 {metrics.MacroF1}");
        Assert.True(metrics.Accuracy > 0.5, $"test accuracy {metrics.Accuracy}; validation accuracy by epoch " +
            string.Join(" ", result.Final.History.Select(m => m.ValidationAccuracy.ToString("F3"))));
        Assert.Equal(result.Final.BestEpoch, classifier.Header.Epoch);
        Assert.Equal(options.Epochs, result.Final.History.Count);
        Assert.True(result.Final.History[^1].TrainLoss < result.Final.History[0].TrainLoss);
        foreach (var file in new[] { "last.ckpt", "best.ckpt", "metrics.csv", "metrics.json", "learning-curves.png" })
            Assert.True(File.Exists(Path.Combine(run.Path, file)), file);
        Assert.Equal(options.Epochs + 1, File.ReadAllLines(Path.Combine(run.Path, "metrics.csv")).Length);
        Assert.Empty(Directory.GetFiles(run.Path, "*.tmp"));
    }

    [Fact]
    public void EpochImagesSetsTheOptimiserStepsOfEveryEpochWhateverTheTrainingSetSize()
    {
        using var data = TinyData.Faces(size: 16, train: 100, val: 20, test: 20);
        int Steps(int? epochImages, bool oversample)
        {
            using var run = new TempFolder();
            int steps = 0;
            var options = new ClassifierOptions(Epochs: 2, BatchSize: 16, Threads: 1, Patience: 0, EpochImages: epochImages, Oversample: oversample);
            new ClassifierTrainer(options, p => { if (p.Completed is null) steps++; }).Train(data, run.Path, "synthetic");
            return steps;
        }
        Assert.Equal(2 * 7, Steps(null, false)); // 100 images: 7 batches of 16
        Assert.Equal(2 * 3, Steps(40, false));
        Assert.Equal(2 * 16, Steps(250, false)); // more than the set: shuffles one after another
        Assert.Equal(2 * 3, Steps(40, true));
        Assert.StartsWith("--epoch-images 0:", Assert.Throws<EmoAugException>(() => new ClassifierOptions(EpochImages: 0).Validate()).Message);
    }

    [Fact]
    public void ResumedRunEqualsUninterruptedRun()
    {
        using var data = TinyData.Faces(size: 20, train: 160, val: 60, test: 20);
        // Everything random in play: shuffles, oversampling draws, dropout and augmentation.
        var options = new ClassifierOptions(Epochs: 4, BatchSize: 32, Threads: 1, Seed: 7, Oversample: true,
            Augment: true, ClassWeights: true, Patience: 0, ModelOptions: new EmoAug.Models.ModelOptions(0.3));
        using var straight = new TempFolder();
        var expected = new ClassifierTrainer(options).Train(data, straight.Path, "synthetic");

        using var interrupted = new TempFolder();
        using var cancel = new CancellationTokenSource();
        var stopping = new ClassifierTrainer(options, p => { if (p.Completed?.Epoch == 2) cancel.Cancel(); });
        Assert.ThrowsAny<OperationCanceledException>(() => stopping.Train(data, interrupted.Path, "synthetic", cancel: cancel.Token));
        Assert.Equal(2, ClassifierCheckpoint.Read(Path.Combine(interrupted.Path, "last.ckpt")).Header.Epoch);

        var resumed = new ClassifierTrainer(options).Train(data, interrupted.Path, "synthetic", resume: true);

        Assert.Equal(Comparable(expected.Final.History), Comparable(resumed.Final.History));
        Assert.Equal(expected.Final.BestEpoch, resumed.Final.BestEpoch);
        var a = ClassifierCheckpoint.Read(expected.LastCheckpoint);
        var b = ClassifierCheckpoint.Read(resumed.LastCheckpoint);
        Assert.Equal(a.Weights, b.Weights);
        Assert.Equal(a.OptimizerState, b.OptimizerState);
        Assert.Equal(ClassifierCheckpoint.Read(expected.BestCheckpoint).Weights, ClassifierCheckpoint.Read(resumed.BestCheckpoint).Weights);
    }

    /// <summary>The history without the wall-clock fields, which differ between any two runs.</summary>
    static List<EpochMetrics> Comparable(IEnumerable<EpochMetrics> history) =>
        history.Select(m => m with { Seconds = 0, ImagesPerSecond = 0 }).ToList();

    [Fact]
    public void ExistingRunIsNotOverwrittenWithoutResume()
    {
        using var data = TinyData.Faces(size: 16, train: 60, val: 20, test: 10);
        using var run = new TempFolder();
        var options = new ClassifierOptions(Epochs: 1, BatchSize: 32, Threads: 1);
        new ClassifierTrainer(options).Train(data, run.Path, "synthetic");
        var again = Assert.Throws<EmoAugException>(() => new ClassifierTrainer(options).Train(data, run.Path, "synthetic"));
        Assert.Contains("--resume", again.Message);
        var other = Assert.Throws<EmoAugException>(() =>
            new ClassifierTrainer(options with { LearningRate = 0.5 }).Train(data, run.Path, "synthetic", resume: true));
        Assert.Contains("other options", other.Message);
    }

    [Theory]
    [InlineData("--epochs", 0)]
    [InlineData("--batch-size", 1)]
    [InlineData("--lr", 3)]
    public void BadOptionsNameTheOption(string option, int which)
    {
        var bad = which switch
        {
            0 => new ClassifierOptions(Epochs: 0),
            1 => new ClassifierOptions(BatchSize: 0),
            _ => new ClassifierOptions(LearningRate: -1),
        };
        var ex = Assert.Throws<EmoAugException>(bad.Validate);
        Assert.StartsWith(option, ex.Message);
    }

    [Fact]
    public void LearningRateSchedules()
    {
        var cosine = new ClassifierOptions(Epochs: 10, LearningRate: 0.1);
        Assert.Equal(0.1, cosine.LearningRateAt(0), 12);
        Assert.Equal(0.05, cosine.LearningRateAt(5), 12);
        var step = new ClassifierOptions(LearningRate: 0.1, Schedule: LearningRateSchedule.Step, StepEpochs: 3, StepGamma: 0.5);
        Assert.Equal(0.1, step.LearningRateAt(2), 12);
        Assert.Equal(0.05, step.LearningRateAt(3), 12);
        Assert.Equal(0.025, step.LearningRateAt(6), 12);
    }

    [Fact]
    public void HoldoutIsUsedWhenThereIsNoValidationSplit()
    {
        using var data = TinyData.Faces(size: 16, train: 200, val: 30, test: 30);
        using var noValidation = data.WhereSplit("train", "test");
        var split = TrainValidationSplit.Of(noValidation, 0.1, 5);
        Assert.True(split.HeldOut);
        Assert.Empty(split.Train.Intersect(split.Validation));
        Assert.Equal(200, split.Train.Length + split.Validation.Length);
        Assert.All(split.Train.Concat(split.Validation), i => Assert.Equal("train", noValidation.Samples[i].Split));
        var withValidation = TrainValidationSplit.Of(data, 0.1, 5);
        Assert.False(withValidation.HeldOut);
        Assert.Equal(30, withValidation.Validation.Length);
    }
}
