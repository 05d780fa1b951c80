using EmoAug.Evaluation;
using EmoAug.Models;
using EmoAug.Runtime;
using EmoAug.Training;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace EmoAug.Tests.Classifier;

public class CheckpointTests
{
    static readonly string[] Classes = ["angry", "disgust", "fear", "happy", "sad", "surprise", "neutral"];

    /// <summary>Same shape, same type and bitwise the same values.</summary>
    static bool Same(Tensor a, Tensor b)
    {
        if (!a.shape.SequenceEqual(b.shape) || a.dtype != b.dtype) return false;
        using var equal = a.eq(b);
        using var all = equal.all();
        return all.item<bool>();
    }

    /// <summary>An untrained but seeded network written as a checkpoint, and the network itself.</summary>
    internal static ClassifierModel WriteCheckpoint(string path, string name = "paper-cnn", int size = 24,
        ModelOptions? modelOptions = null, Action<ClassifierModel>? prepare = null)
    {
        TorchRuntime.Ensure();
        manual_seed(11);
        modelOptions ??= new ModelOptions();
        var model = ClassifierModels.Create(ClosedSet.Parse<ClassifierNetwork>(name, "--network"), Classes.Length, size, modelOptions);
        var options = new ClassifierOptions(Model: ClosedSet.Parse<ClassifierNetwork>(name, "--network"), ModelOptions: modelOptions);
        var header = new CheckpointHeader(ClassifierCheckpoint.FormatVersion, ClosedSet.Parse<ClassifierNetwork>(name, "--network"), modelOptions, Classes, size,
            new InputNormalisation(120, 50), options, "synthetic", 10, 5, 1,
            [new EpochMetrics(1, 0.001, 1.5, 0.4, 1.4, 0.5, 0.45, 0.42, 2, 5)], 1, 0.42, 0, true);
        prepare?.Invoke(model);
        ClassifierCheckpoint.Write(path, header, model, null);
        model.eval();
        return model;
    }

    [Theory]
    [InlineData("paper-cnn", false)]
    [InlineData("paper-cnn", true)]
    [InlineData("vgg", false)]
    [InlineData("paper-cnn", true, "bfloat16")]
    [InlineData("vgg", false, "bfloat16")]
    public void CheckpointRoundTripGivesIdenticalPredictions(string name, bool extraConv, string? precision = null)
    {
        using var folder = new TempFolder();
        var path = folder.File("model.ckpt");
        using var original = WriteCheckpoint(path, name, modelOptions: new ModelOptions(ExtraConv: extraConv, Precision: precision));
        using var images = randint(0, 256, [20, 1, 24, 24]).to(ScalarType.Byte);
        var normalisation = new InputNormalisation(120, 50);
        using var expected = ModelScoring.Logits(original, images, normalisation, CPU);

        using var loaded = TrainedClassifier.Load(path);
        using var actual = ModelScoring.Logits(loaded.Model, images, loaded.Normalisation, CPU);
        Assert.True(Same(actual, expected));
        Assert.Equal(Classes, loaded.ClassNames);
        Assert.Equal(24, loaded.Size);
        Assert.Equal(normalisation, loaded.Normalisation);
        Assert.Equal(0.42, loaded.Header.History[0].ValidationMacroF1);
        Assert.Equal(extraConv, loaded.Header.ModelOptions.ExtraConv);
        Assert.Equal(precision, loaded.Header.ModelOptions.Precision);
    }

    [Fact]
    public void ModelOptionsWithoutExtraConvSerialiseAsBeforeItExisted()
    {
        Assert.DoesNotContain("extra_conv", System.Text.Json.JsonSerializer.Serialize(new ModelOptions(0.5), ClassifierCheckpoint.Json));
        var read = System.Text.Json.JsonSerializer.Deserialize<ModelOptions>("""{"dropout":0.5}""", ClassifierCheckpoint.Json)!;
        Assert.Equal(new ModelOptions(0.5), read);
        Assert.Contains("extra_conv", System.Text.Json.JsonSerializer.Serialize(new ModelOptions(ExtraConv: true), ClassifierCheckpoint.Json));
        Assert.DoesNotContain("precision", System.Text.Json.JsonSerializer.Serialize(new ModelOptions(0.5), ClassifierCheckpoint.Json));
        Assert.Contains("\"precision\": \"bfloat16\"", System.Text.Json.JsonSerializer.Serialize(new ModelOptions(Precision: "bfloat16"), ClassifierCheckpoint.Json));
    }

    [Fact]
    public void SafeTensorsExportRoundTrips()
    {
        using var folder = new TempFolder();
        var path = folder.File("model.ckpt");
        using var original = WriteCheckpoint(path, "vgg");
        var exported = folder.File("model.safetensors");
        ClassifierExport.ToSafeTensors(ClassifierCheckpoint.Read(path), exported);

        var (tensors, metadata) = SafeTensors.Read(exported);
        var state = original.state_dict();
        Assert.Equal(state.Keys.Order(), tensors.Keys.Order());
        foreach (var (name, tensor) in state)
        {
            Assert.Equal(tensor.dtype, tensors[name].dtype);
            Assert.True(Same(tensor, tensors[name]), name);
        }
        Assert.Contains("body.conv1_1.weight", tensors.Keys);
        Assert.Contains("body.bn1_1.running_var", tensors.Keys);
        Assert.Equal("vgg", metadata["emoaug_model"]);
        Assert.Equal("24", metadata["emoaug_size"]);

        // A fresh network with the exported weights predicts exactly as the original.
        manual_seed(99);
        using var fresh = ClassifierModels.Create(ClassifierNetwork.Vgg, 7, 24);
        fresh.load_state_dict(tensors);
        fresh.eval();
        using var x = randn(5, 1, 24, 24);
        using var a = original.forward(x);
        using var b = fresh.forward(x);
        Assert.True(Same(a, b));
    }

    [Fact]
    public void SafeTensorsHeaderIsTheStandardLayout()
    {
        using var folder = new TempFolder();
        var path = folder.File("t.safetensors");
        TorchRuntime.Ensure();
        using var t = tensor(new float[] { 1, 2, 3, 4, 5, 6 }).view(2, 3);
        SafeTensors.Write(path, new Dictionary<string, Tensor> { ["w"] = t });
        var bytes = File.ReadAllBytes(path);
        long headerLength = BitConverter.ToInt64(bytes, 0);
        Assert.Equal(0, headerLength % 8);
        var header = System.Text.Encoding.UTF8.GetString(bytes, 8, (int)headerLength).TrimEnd();
        Assert.Equal("{\"w\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]}}", header);
        Assert.Equal(8 + headerLength + 24, bytes.Length);
        Assert.Equal(4f, BitConverter.ToSingle(bytes, (int)(8 + headerLength + 12)));
    }

    [Fact]
    public void DamagedCheckpointsAreOneLineErrors()
    {
        using var folder = new TempFolder();
        var path = folder.File("model.ckpt");
        WriteCheckpoint(path).Dispose();
        var bytes = File.ReadAllBytes(path);

        var truncated = folder.File("truncated.ckpt");
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        var ex = Assert.Throws<EmoAugException>(() => TrainedClassifier.Load(truncated));
        Assert.Contains("truncated.ckpt", ex.Message);

        var foreign = folder.File("foreign.ckpt");
        File.WriteAllText(foreign, "this is not a checkpoint at all");
        ex = Assert.Throws<EmoAugException>(() => TrainedClassifier.Load(foreign));
        Assert.Equal($"{foreign}: not an EmoAug classifier checkpoint", ex.Message);

        ex = Assert.Throws<EmoAugException>(() => TrainedClassifier.Load(folder.File("missing.ckpt")));
        Assert.Contains("missing.ckpt", ex.Message);

        using var empty = new TempFolder();
        ex = Assert.Throws<EmoAugException>(() => TrainedClassifier.Load(empty.Path));
        Assert.Contains("best.ckpt", ex.Message);
    }

    [Fact]
    public void FlippedBytesAnywhereAreRefusedNamingTheFileWhileChecksumlessVersion1FilesStillLoad()
    {
        using var folder = new TempFolder();
        var path = folder.File("model.ckpt");
        using var network = WriteCheckpoint(path);
        var bytes = File.ReadAllBytes(path);
        foreach (int at in new[] { 20, bytes.Length / 2, bytes.Length - 40, bytes.Length - 1 })
        {
            var damaged = folder.File($"flipped-{at}.ckpt");
            var copy = (byte[])bytes.Clone();
            copy[at] ^= 0x5A;
            File.WriteAllBytes(damaged, copy);
            var ex = Assert.Throws<EmoAugException>(() => TrainedClassifier.Load(damaged));
            Assert.Contains(damaged, ex.Message);
        }

        // A version 1 file is version 2 without the checksum: it loads, unchecked, to the same weights.
        var old = folder.File("version1.ckpt");
        var body = bytes[..^ChecksummedFile.HashLength];
        BitConverter.GetBytes(1).CopyTo(body, 8);
        File.WriteAllBytes(old, body);
        using var loaded = TrainedClassifier.Load(old);
        using var input = rand(2, 1, 24, 24).mul(255).to_type(ScalarType.Byte);
        using var a = loaded.Probabilities(input);
        using var b = TrainedClassifier.Load(path).Probabilities(input);
        Assert.True(Same(a, b));
    }
}
