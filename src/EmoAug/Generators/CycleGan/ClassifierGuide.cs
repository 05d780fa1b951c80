using EmoAug.Evaluation;
using TorchSharp;
using EmoAug.Runtime;
using static TorchSharp.torch;

namespace EmoAug.Generators.CycleGan;

/// <summary>
/// Not in the paper or the reference CycleGAN: an emotion classifier trained beforehand on real training faces,
/// frozen, whose cross-entropy tells each generator how far its translations are from the class they should show
/// (StarGAN's domain classification loss, with the classifier trained first instead of alongside). Without it the
/// FER2013 neutral -> disgust generator changed faces too little: its best judge called 30% of them disgust
/// (docs/results-log.md). The classifier must take faces of the GAN's size and know both classes. Judge the result with
/// another classifier: this one's verdict on the translations is what the generator was trained to please. Several
/// classifiers (an ensemble) give the mean of their cross-entropies, so that no one network's quirks can be pleased alone.
/// </summary>
public sealed class ClassifierGuide : IDisposable
{
    readonly List<(TrainedClassifier Classifier, long Source, long Target)> judges;

    ClassifierGuide(List<(TrainedClassifier, long, long)> judges) => this.judges = judges;

    /// <summary>Loads the classifiers (checkpoints or run folders) for a GAN between two classes of faces of one size.</summary>
    public static ClassifierGuide Load(IReadOnlyList<string> paths, string fromClass, string toClass, int size, ComputeDevice device)
    {
        var judges = new List<(TrainedClassifier, long, long)>();
        try
        {
            foreach (var path in paths)
            {
                var classifier = TrainedClassifier.Load(path, device);
                judges.Add((classifier, 0, 0));
                long source = classifier.JudgeClassIndex(fromClass, size, $"--guide {path}");
                long target = classifier.JudgeClassIndex(toClass, size, $"--guide {path}");
                foreach (var parameter in classifier.Model.parameters()) parameter.requires_grad = false;
                classifier.Model.eval();
                judges[^1] = (classifier, source, target);
            }
            return new ClassifierGuide(judges);
        }
        catch
        {
            foreach (var (classifier, _, _) in judges) classifier.Dispose();
            throw;
        }
    }

    /// <summary>Loads one classifier as the guide.</summary>
    public static ClassifierGuide Load(string path, string fromClass, string toClass, int size, ComputeDevice device) =>
        Load([path], fromClass, toClass, size, device);

    /// <summary>Mean cross-entropy of the classifiers on generated faces ([-1, 1]) against the target class (toward B)
    /// or the source class, averaged over the classifiers.</summary>
    public Tensor Loss(Tensor generated, bool towardTarget)
    {
        using var scope = NewDisposeScope();
        var pixels = generated.add(1).mul_(127.5); // the GAN's [-1, 1] back to the 0-255 scale classifiers normalise from
        Tensor? sum = null;
        foreach (var (classifier, source, target) in judges)
        {
            var logits = classifier.Model.forward(classifier.Normalisation.Apply(pixels));
            var labels = full(generated.shape[0], towardTarget ? target : source, ScalarType.Int64, generated.device);
            var loss = nn.functional.cross_entropy(logits, labels);
            sum = sum is null ? loss : sum + loss;
        }
        return sum!.div(judges.Count).MoveToOuterDisposeScope();
    }

    public void Dispose()
    {
        foreach (var (classifier, _, _) in judges) classifier.Dispose();
    }
}
