using EmoAug.Evaluation;
using EmoAug.Models;
using EmoAug.Models.Onnx;
using EmoAug.Runtime;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using TorchSharp.Modules;
using Xunit;
using static TorchSharp.torch;
using Tensor = TorchSharp.torch.Tensor;

namespace EmoAug.Tests.Classifier;

/// <summary>Exported ONNX models run in a real ONNX Runtime and give TorchSharp's probabilities.</summary>
[Collection(SharedRandomGenerator.Name)]
public class OnnxExportTests
{
    [Theory]
    [InlineData("paper-cnn", false, 48)]
    [InlineData("paper-cnn", true, 48)]
    [InlineData("paper-cnn", true, 24)]
    [InlineData("vgg", false, 48)]
    [InlineData("vgg", false, 40)] // a 2x2 map before the adaptive pool to 3x3: overlapping windows
    [InlineData("vgg", false, 64)] // 4x4 to 3x3
    public void OnnxRuntimeGivesTorchSharpsProbabilities(string name, bool extraConv, int size)
    {
        using var folder = new TempFolder();
        var path = folder.File("model.ckpt");
        CheckpointTests.WriteCheckpoint(path, name, size, new ModelOptions(ExtraConv: extraConv), RandomiseNormStatistics).Dispose();
        var onnxPath = folder.File("model.onnx");
        ClassifierExport.ToOnnx(Training.ClassifierCheckpoint.Read(path), onnxPath);

        manual_seed(5);
        // Noise around a brightness of each face's own, so that even an untrained network tells them apart.
        using var levels = randint(0, 192, [9, 1, 1, 1]);
        using var images = (randint(0, 64, [9, 1, size, size]) + levels).to(ScalarType.Byte);
        using var classifier = TrainedClassifier.Load(path);
        using var logits = ModelScoring.Logits(classifier.Model, images, classifier.Normalisation, CPU);
        using var expected = logits.softmax(1);

        using var session = new InferenceSession(onnxPath);
        var (onnxLogits, probabilities) = Run(session, images);
        Assert.Equal(expected.shape, probabilities.shape);
        AssertClose(expected, probabilities, 1e-4);
        AssertClose(logits, onnxLogits, 1e-3);
        // The probabilities must depend on the face, or agreement would prove nothing.
        using var spread = expected.max(0).values - expected.min(0).values;
        Assert.True(spread.max().item<float>() > 1e-3, "the faces give different probabilities");

        var metadata = session.ModelMetadata.CustomMetadataMap;
        Assert.Equal(name, metadata["emoaug_model"]);
        Assert.Equal(size.ToString(), metadata["emoaug_size"]);
        Assert.Contains("\"disgust\"", metadata["emoaug_classes"]);
        Assert.Equal("faces", session.InputMetadata.Keys.Single());
    }

    /// <summary>The paper's LRN alone, with a large alpha so that the normalisation changes the values a lot.</summary>
    [Theory]
    [InlineData(9, 0.001, 0.75, 1.0)]
    [InlineData(5, 2.0, 0.75, 1.0)]
    [InlineData(3, 1.0, 0.5, 2.0)]
    public void LrnMatchesOnnxRuntimes(long size, double alpha, double beta, double k)
    {
        TorchRuntime.Ensure();
        using var folder = new TempFolder();
        using var norm = new CrossChannelNorm(size, alpha, beta, k);
        var graph = new OnnxGraph("lrn");
        var x = graph.Input("x", [null, 12, 5, 5]);
        graph.Output(norm.ToOnnx(graph, x), "y", [null, 12, 5, 5]);
        var path = folder.File("lrn.onnx");
        File.WriteAllBytes(path, Google.Protobuf.MessageExtensions.ToByteArray(graph.Model(new Dictionary<string, string>())));

        manual_seed(3);
        using var input = randn(4, 12, 5, 5) * 3;
        using var expected = norm.forward(input);
        using var session = new InferenceSession(path);
        var tensor = new DenseTensor<float>(input.data<float>().ToArray(), [4, 12, 5, 5]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("x", tensor)]);
        using var actual = from_array(results.Single().AsEnumerable<float>().ToArray()).view(4, 12, 5, 5);
        AssertClose(expected, actual, 1e-5);
        using var change = (expected - input).abs().max();
        if (alpha >= 1) Assert.True(change.item<float>() > 0.1f, "the normalisation changes the values");
    }

    /// <summary>Batch norm's running statistics away from 0 and 1, so that an export that ignored them would differ.</summary>
    static void RandomiseNormStatistics(ClassifierModel model)
    {
        using var noGrad = no_grad();
        foreach (var module in model.modules().OfType<BatchNorm2d>())
        {
            module.running_mean!.copy_(randn_like(module.running_mean) * 0.2);
            module.running_var!.copy_(rand_like(module.running_var) + 0.5);
            module.weight!.copy_(rand_like(module.weight) + 0.5);
            module.bias!.copy_(randn_like(module.bias) * 0.1);
        }
        foreach (var module in model.modules().OfType<Linear>())
            module.weight!.mul_(4); // logits of a trained network's scale, not an untrained one's near-uniform ones
    }

    static (Tensor Logits, Tensor Probabilities) Run(InferenceSession session, Tensor images)
    {
        var shape = images.shape.Select(d => (int)d).ToArray();
        using var pixels = images.to(ScalarType.Float32);
        var input = new DenseTensor<float>(pixels.data<float>().ToArray(), shape);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(ClassifierExport.OnnxInput, input)]);
        Tensor Read(string name) => from_array(results.Single(r => r.Name == name).AsEnumerable<float>().ToArray()).view(shape[0], -1);
        return (Read("logits"), Read("probabilities"));
    }

    static void AssertClose(Tensor expected, Tensor actual, double tolerance)
    {
        using var difference = (expected - actual).abs().max();
        float worst = difference.item<float>();
        Assert.True(worst <= tolerance, $"largest difference {worst:g3} > {tolerance:g3}");
    }
}
