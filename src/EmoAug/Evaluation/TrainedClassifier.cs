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
    public static TrainedClassifier Load(string fileOrRunFolder, ComputeDevice device = default)
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
            throw new EmoAugException($"{path}: the weights do not fit a {ClosedSet.Name(checkpoint.Header.Model)} network ({ex.Message.Split('\n')[0]})");
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

    /// <summary>
    /// Class probabilities [N,K] (CPU) of uint8 images [N,1,Size,Size]. With <paramref name="mirror"/>, the mean of
    /// the probabilities of each face and of its mirror image (test-time augmentation: a face and its mirror show the
    /// same emotion, and training with flips taught the network both).
    /// </summary>
    public Tensor Probabilities(Tensor images, int batchSize = 256, bool mirror = false)
    {
        using var logits = ModelScoring.Logits(Model, images, Normalisation, Device, batchSize);
        var probabilities = nn.functional.softmax(logits, 1);
        if (!mirror) return probabilities;
        using var mirrored = images.flip(3);
        using var mirroredLogits = ModelScoring.Logits(Model, mirrored, Normalisation, Device, batchSize);
        using var mirroredProbabilities = nn.functional.softmax(mirroredLogits, 1);
        using (probabilities) return (probabilities + mirroredProbabilities).div_(2);
    }

    /// <summary>Penultimate-layer features [N,F] (CPU) of uint8 images [N,1,Size,Size] (for t-SNE, KID).</summary>
    public Tensor Features(Tensor images, int batchSize = 256) =>
        ModelScoring.Features(Model, images, Normalisation, Device, batchSize);

    /// <summary>The predicted class index of each image (with <paramref name="mirror"/>, of the mean with its mirror image).</summary>
    public long[] Predict(Tensor images, int batchSize = 256, bool mirror = false)
    {
        using var probabilities = Probabilities(images, batchSize, mirror);
        using var predicted = probabilities.argmax(1);
        return predicted.data<long>().ToArray();
    }

    /// <summary>
    /// Scores the classifier on a dataset. Labels are matched to the model's classes by name, so a dataset whose
    /// class list differs in order or has classes the model lacks (CK+'s contempt) still works: the faces of classes
    /// the model knows are scored, those of the others are counted apart by the label they got
    /// (<see cref="UnknownClassLabels"/>). With <paramref name="mirror"/>, each face is scored with its mirror image
    /// (<see cref="Probabilities"/>).
    /// </summary>
    public (ClassificationMetrics Metrics, IReadOnlyList<UnknownClassLabels> Unknown) Evaluate(FaceDataset data,
        string dataName = "data", bool mirror = false)
    {
        if (data.Count == 0) throw new EmoAugException($"{dataName}: no images to evaluate");
        if (data.Height != Size || data.Width != Size)
            throw new EmoAugException($"{dataName}: images are {data.Height}x{data.Width}, the model takes {Size}x{Size} (load with --size {Size})");
        var modelIndex = ClassNames.Select((name, i) => (name, i)).ToDictionary(x => x.name, x => (long)x.i, StringComparer.OrdinalIgnoreCase);
        var labels = data.LabelArray();
        var predicted = Predict(data.Images, mirror: mirror);
        var known = Enumerable.Range(0, labels.Length).Where(i => modelIndex.ContainsKey(data.ClassNames[(int)labels[i]])).ToArray();
        var unknown = Enumerable.Range(0, labels.Length).Except(known)
            .GroupBy(i => data.ClassNames[(int)labels[i]])
            .Select(g => new UnknownClassLabels(g.Key, g.Count(),
                ClassNames.ToDictionary(name => name, name => g.Count(i => ClassNames[(int)predicted[i]] == name))))
            .ToList();
        if (known.Length == 0)
            throw new EmoAugException($"{dataName}: no face of a class the model knows ({string.Join(", ", ClassNames)}); " +
                $"the data has {string.Join(", ", unknown.Select(u => u.ClassName))}");
        var truth = known.Select(i => modelIndex[data.ClassNames[(int)labels[i]]]).ToArray();
        return (ClassificationMetrics.FromPredictions(truth, known.Select(i => predicted[i]).ToArray(), ClassNames), unknown);
    }

    public void Dispose() => Model.Dispose();
}
