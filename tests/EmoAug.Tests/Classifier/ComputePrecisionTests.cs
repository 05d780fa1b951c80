using EmoAug.Evaluation;
using EmoAug.Models;
using EmoAug.Runtime;
using EmoAug.Training;
using TorchSharp;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace EmoAug.Tests.Classifier;

/// <summary>ModelOptions.Precision "bfloat16": the products in bfloat16, the weights, features and logits float32.</summary>
[Collection(SharedRandomGenerator.Name)]
public class ComputePrecisionTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("paper-cnn", false)]
    [InlineData("paper-cnn", true)]
    [InlineData("vgg", false)]
    public void BFloat16GivesFloat32OutputsCloseToFloat32sAndGradientsForTheFloat32Weights(string name, bool extraConv)
    {
        TorchRuntime.Ensure(1);
        manual_seed(5);
        using var exact = ClassifierModels.Create(ClosedSet.Parse<ClassifierNetwork>(name, "--network"), 7, 48, new ModelOptions(Dropout: 0, ExtraConv: extraConv));
        using var reduced = ClassifierModels.Create(ClosedSet.Parse<ClassifierNetwork>(name, "--network"), 7, 48, new ModelOptions(Dropout: 0, ExtraConv: extraConv, Precision: "bf16"));
        reduced.load_state_dict(exact.state_dict());
        exact.eval();
        reduced.eval();
        using var images = randn(16, 1, 48, 48);

        using var expected = exact.Features(images);
        using var features = reduced.Features(images);
        Assert.Equal(ScalarType.Float32, features.dtype);
        Assert.Equal(expected.shape, features.shape);
        double scale = expected.abs().max().item<float>();
        double error = (features - expected).abs().max().item<float>();
        output.WriteLine($"{name}: largest feature {scale:G4}, largest difference {error:G4}");
        // bfloat16 keeps 8 bits of mantissa (relative steps of 0.4-0.8%); through a few layers the features stay
        // within a few per cent of float32's. Not identical: the reduced path did run.
        Assert.True(error < 0.05 * scale, $"difference {error} against largest feature {scale}");
        Assert.True(error > 0, "bfloat16 gave float32's features exactly: the products were not reduced");

        reduced.train();
        using var loss = nn.functional.cross_entropy(reduced.forward(images), randint(0, 7, [16]));
        loss.backward();
        foreach (var (parameterName, parameter) in reduced.named_parameters())
        {
            Assert.Equal(ScalarType.Float32, parameter.dtype);
            Assert.NotNull(parameter.grad);
            Assert.Equal(ScalarType.Float32, parameter.grad!.dtype);
            Assert.True(parameter.grad.abs().sum().item<float>() > 0, $"{parameterName} got no gradient");
        }
    }

    [Theory]
    [InlineData("fp32", null)]
    [InlineData("float32", null)]
    [InlineData(null, null)]
    [InlineData("bf16", "bfloat16")]
    [InlineData("BFloat16", "bfloat16")]
    public void PrecisionNamesHaveOneSpelling(string? given, string? canonical) =>
        Assert.Equal(canonical, ComputePrecision.Canonical(given));

    [Fact]
    public void UnknownPrecisionNamesTheOption()
    {
        var ex = Assert.Throws<EmoAugException>(() => ClassifierModels.Create(ClassifierNetwork.PaperCnn, 7, 48, new ModelOptions(Precision: "fp16")));
        Assert.Contains("--precision fp16", ex.Message);
        Assert.Contains("bfloat16", ex.Message);
    }

    [Fact]
    public void PaperCnnLearnsTheSyntheticFacesInBFloat16()
    {
        // TrainingTests.PaperCnnLearnsTheSyntheticFaces's setting and bar, in bfloat16.
        using var data = TinyData.Faces(size: 32, train: 2400, val: 150, test: 300);
        using var run = new TempFolder();
        var options = new ClassifierOptions(Epochs: 6, BatchSize: 32, LearningRate: 0.001, Threads: 1, Seed: 3,
            ModelOptions: new ModelOptions(Precision: "bfloat16"));
        new ClassifierTrainer(options).Train(data, run.Path, "synthetic");
        using var classifier = TrainedClassifier.Load(run.Path);
        using var test = data.WhereSplit("test");
        Assert.Equal("bfloat16", classifier.Header.ModelOptions.Precision);
        var metrics = classifier.Evaluate(test).Metrics;
        output.WriteLine($"bfloat16 test accuracy {metrics.Accuracy:F4}, macro-F1 {metrics.MacroF1:F4}");
        Assert.True(metrics.MacroF1 > 0.3, $"test macro-F1 {metrics.MacroF1}");
        Assert.True(metrics.Accuracy > 0.5, $"test accuracy {metrics.Accuracy} (chance 1/7, all-happy about 0.25)");
    }

    [Fact]
    public void BFloat16RunsRepeatAndResumeToTheSameNumbers()
    {
        using var data = TinyData.Faces(size: 20, train: 160, val: 60, test: 20);
        var options = new ClassifierOptions(Epochs: 4, BatchSize: 32, Threads: 1, Seed: 7, Augment: true,
            ModelOptions: new ModelOptions(0.3, ExtraConv: true, Precision: "bfloat16"));
        using var straight = new TempFolder();
        var expected = new ClassifierTrainer(options).Train(data, straight.Path, "synthetic");
        using var again = new TempFolder();
        var repeated = new ClassifierTrainer(options).Train(data, again.Path, "synthetic");

        using var interrupted = new TempFolder();
        using var cancel = new CancellationTokenSource();
        var stopping = new ClassifierTrainer(options, p => { if (p.Completed?.Epoch == 2) cancel.Cancel(); });
        Assert.ThrowsAny<OperationCanceledException>(() => stopping.Train(data, interrupted.Path, "synthetic", cancel: cancel.Token));
        var resumed = new ClassifierTrainer(options).Train(data, interrupted.Path, "synthetic", resume: true);

        var weights = ClassifierCheckpoint.Read(expected.LastCheckpoint).Weights;
        foreach (var other in new[] { repeated, resumed })
        {
            Assert.Equal(expected.Final.History.Select(m => (m.TrainLoss, m.ValidationLoss, m.ValidationAccuracy)),
                other.Final.History.Select(m => (m.TrainLoss, m.ValidationLoss, m.ValidationAccuracy)));
            Assert.Equal(weights, ClassifierCheckpoint.Read(other.LastCheckpoint).Weights);
        }
    }
}
