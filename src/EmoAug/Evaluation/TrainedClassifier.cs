using EmoAug.Data;
using EmoAug.Models;
using EmoAug.Runtime;
using EmoAug.Training;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace EmoAug.Evaluation;

/// <summary>
/// A trained classifier ready to use: the network in eval mode plus what it needs to see images as in training
/// (size, normalisation) and to name its outputs. Loaded from a checkpoint file or a run folder (its best.ckpt).
/// </summary>
public sealed class TrainedClassifier : IDisposable
{
    TrainedClassifier(ClassifierModel model, CheckpointHeader header, string path, Device device)
    {
        Model = model;
        Header = header;
        Path = path;
        Device = device;
    }

    public ClassifierModel Model { get; }
    public CheckpointHeader Header { get; }

    /// <summary>The checkpoint file it came from.</summary>
    public string Path { get; }

    public Device Device { get; }
    public IReadOnlyList<string> ClassNames => Header.ClassNames;
    public int Size => Header.Size;
    public InputNormalisation Normalisation => Header.Normalisation;

    /// <summary>Loads a checkpoint file, or the best.ckpt of a training run's folder.</summary>
    public static TrainedClassifier Load(string fileOrRunFolder, string device = "cpu")
    {
        var path = ResolvePath(fileOrRunFolder);
        var torchDevice = TorchRuntime.Device(device);
        var checkpoint = ClassifierCheckpoint.Read(path);
        ClassifierModel model;
        try
        {
            model = checkpoint.CreateModel();
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or ExternalException)
        {
            throw new EmoAugException($"{path}: the weights do not fit a {checkpoint.Header.Model} network ({ex.Message.Split('\n')[0]})");
        }
        model.to(torchDevice);
        return new TrainedClassifier(model, checkpoint.Header, path, torchDevice);
    }

    /// <summary>A checkpoint path as given, or the best (else last) checkpoint in a run folder.</summary>
    public static string ResolvePath(string fileOrRunFolder)
    {
        if (File.Exists(fileOrRunFolder)) return fileOrRunFolder;
        if (Directory.Exists(fileOrRunFolder))
        {
            foreach (var name in new[] { ClassifierTrainer.BestFile, ClassifierTrainer.LastFile })
            {
                var candidate = System.IO.Path.Combine(fileOrRunFolder, name);
                if (File.Exists(candidate)) return candidate;
            }
            throw new EmoAugException($"{fileOrRunFolder}: folder holds no {ClassifierTrainer.BestFile} or {ClassifierTrainer.LastFile}");
        }
        throw new EmoAugException($"{fileOrRunFolder}: no such model file or run folder");
    }

    /// <summary>
    /// The index of the class this classifier is to judge generated faces of, after checking that it takes faces of
    /// the generator's size and knows the class; otherwise a one-line error naming <paramref name="option"/>.
    /// </summary>
    public int JudgeClassIndex(string className, int faceSize, string option)
    {
        if (Size != faceSize)
            throw new EmoAugException($"{option}: it takes {Size}x{Size} faces but the GAN makes {faceSize}x{faceSize}");
        int index = ClassNames.ToList().IndexOf(className);
        if (index < 0) throw new EmoAugException($"{option}: '{className}' is not one of its classes");
        return index;
    }

    /// <summary>Class probabilities [N,K] (CPU) of uint8 images [N,1,Size,Size].</summary>
    public Tensor Probabilities(Tensor images, int batchSize = 256)
    {
        using var logits = ModelScoring.Logits(Model, images, Normalisation, Device, batchSize);
        return nn.functional.softmax(logits, 1);
    }

    /// <summary>Penultimate-layer features [N,F] (CPU) of uint8 images [N,1,Size,Size] (for t-SNE, KID).</summary>
    public Tensor Features(Tensor images, int batchSize = 256) =>
        ModelScoring.Features(Model, images, Normalisation, Device, batchSize);

    /// <summary>The predicted class index of each image.</summary>
    public long[] Predict(Tensor images, int batchSize = 256)
    {
        using var logits = ModelScoring.Logits(Model, images, Normalisation, Device, batchSize);
        using var predicted = logits.argmax(1);
        return predicted.data<long>().ToArray();
    }

    /// <summary>
    /// Scores the classifier on a dataset. Labels are matched to the model's classes by name, so a dataset whose
    /// class list differs (e.g. with contempt) still works as long as every image's class is one the model knows.
    /// </summary>
    public ClassificationMetrics Evaluate(FaceDataset data, string dataName = "data")
    {
        if (data.Count == 0) throw new EmoAugException($"{dataName}: no images to evaluate");
        if (data.Height != Size || data.Width != Size)
            throw new EmoAugException($"{dataName}: images are {data.Height}x{data.Width}, the model takes {Size}x{Size} (load with --size {Size})");
        var modelIndex = ClassNames.Select((name, i) => (name, i)).ToDictionary(x => x.name, x => (long)x.i, StringComparer.OrdinalIgnoreCase);
        var truth = data.LabelArray().Select(label =>
        {
            var name = data.ClassNames[(int)label];
            return modelIndex.TryGetValue(name, out var index)
                ? index
                : throw new EmoAugException($"{dataName}: class '{name}' is not one of the model's classes ({string.Join(", ", ClassNames)})");
        }).ToArray();
        return ClassificationMetrics.FromPredictions(truth, Predict(data.Images), ClassNames);
    }

    public void Dispose() => Model.Dispose();
}
