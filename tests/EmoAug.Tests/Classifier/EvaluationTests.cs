using EmoAug.Data;
using EmoAug.Evaluation;
using Xunit;
using static TorchSharp.torch;

namespace EmoAug.Tests.Classifier;

public class EvaluationTests
{
    static FaceDataset Faces(int size, long[] labels, IReadOnlyList<string> classes)
    {
        var images = randint(0, 256, [labels.Length, 1, size, size]).to(ScalarType.Byte);
        var samples = labels.Select((_, i) => new FaceSample($"t{i}", null, "test")).ToList();
        return new FaceDataset(images, tensor(labels), samples, classes, "test");
    }

    [Fact]
    public void MirrorAveragesTheProbabilitiesOfEachFaceAndItsMirrorImage()
    {
        using var folder = new TempFolder();
        var path = folder.File("model.ckpt");
        CheckpointTests.WriteCheckpoint(path).Dispose();
        using var classifier = TrainedClassifier.Load(path);
        manual_seed(3);
        using var faces = randint(0, 256, [8, 1, 24, 24]).to(ScalarType.Byte);
        using var mirrored = faces.flip(3);

        using var plain = classifier.Probabilities(faces);
        using var ofMirrors = classifier.Probabilities(mirrored);
        using var both = classifier.Probabilities(faces, mirror: true);
        using var expected = (plain + ofMirrors) / 2;
        Assert.True(both.allclose(expected, rtol: 1e-5, atol: 1e-6));
        Assert.False(both.allclose(plain, rtol: 1e-3, atol: 1e-4)); // random faces are not symmetric: it changes something
        using var argmax = both.argmax(1);
        Assert.Equal(argmax.data<long>().ToArray(), classifier.Predict(faces, mirror: true));

        // A face that is its own mirror image scores as without the option.
        using var symmetric = cat([faces.narrow(3, 0, 12), faces.narrow(3, 0, 12).flip(3)], 3);
        using var symmetricPlain = classifier.Probabilities(symmetric);
        using var symmetricBoth = classifier.Probabilities(symmetric, mirror: true);
        Assert.True(symmetricBoth.allclose(symmetricPlain, rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void LabelsAreMatchedToTheModelsClassesByName()
    {
        using var folder = new TempFolder();
        var path = folder.File("model.ckpt");
        CheckpointTests.WriteCheckpoint(path).Dispose();
        using var classifier = TrainedClassifier.Load(path);
        // The same images labelled through a class list in another order must give the same confusion matrix.
        using var a = Faces(24, [0, 3, 6, 6], EmotionVocabulary.ClassListFor([]));
        string[] shuffled = ["neutral", "happy", "angry", "disgust", "fear", "sad", "surprise"];
        using var b = new FaceDataset(a.Images.clone(), tensor(new long[] { 2, 1, 0, 0 }), a.Samples, shuffled, "test");
        var ma = classifier.Evaluate(a).Metrics;
        var mb = classifier.Evaluate(b).Metrics;
        Assert.Equal(ma.ConfusionRows(), mb.ConfusionRows());
        Assert.Equal(2, ma.PerClass["neutral"].Support);
    }

    [Fact]
    public void FacesOfClassesTheModelLacksAreReportedApartFromTheScores()
    {
        using var folder = new TempFolder();
        var path = folder.File("model.ckpt");
        CheckpointTests.WriteCheckpoint(path).Dispose();
        using var classifier = TrainedClassifier.Load(path);
        var classes = EmotionVocabulary.ClassListFor(["contempt"]);
        using var mixed = Faces(24, [7, 3, 7, 0, 7], classes);
        var (metrics, unknown) = classifier.Evaluate(mixed, "ck+");
        Assert.Equal(2, metrics.Count);
        Assert.Equal(1, metrics.PerClass["happy"].Support);
        Assert.Equal(0, metrics.PerClass["disgust"].Support);
        var contemptLabels = Assert.Single(unknown);
        Assert.Equal("contempt", contemptLabels.ClassName);
        Assert.Equal(3, contemptLabels.Count);
        Assert.Equal(classifier.ClassNames, contemptLabels.LabelledAs.Keys);
        // Each contempt face got the label the classifier gives it alone.
        var expected = classifier.Predict(mixed.Images.index_select(0, tensor(new long[] { 0, 2, 4 })));
        foreach (var name in classifier.ClassNames)
            Assert.Equal(expected.Count(p => classifier.ClassNames[(int)p] == name), contemptLabels.LabelledAs[name]);
        Assert.Equal(3, EvaluationReport.ToJson(metrics, "m", "ck+", "test", unknown: unknown)["unknown_classes"]![0]!["count"]!.GetValue<int>());
    }

    [Fact]
    public void OnlyUnknownClassesAndWrongSizesAreOneLineErrors()
    {
        using var folder = new TempFolder();
        var path = folder.File("model.ckpt");
        CheckpointTests.WriteCheckpoint(path).Dispose();
        using var classifier = TrainedClassifier.Load(path);
        using var contempt = Faces(24, [7], EmotionVocabulary.ClassListFor(["contempt"]));
        var ex = Assert.Throws<EmoAugException>(() => classifier.Evaluate(contempt, "ck+"));
        Assert.StartsWith("ck+: no face of a class the model knows", ex.Message);
        Assert.Contains("contempt", ex.Message);
        using var big = Faces(48, [0], EmotionVocabulary.ClassListFor([]));
        ex = Assert.Throws<EmoAugException>(() => classifier.Evaluate(big, "fer"));
        Assert.Contains("--size 24", ex.Message);
    }
}
