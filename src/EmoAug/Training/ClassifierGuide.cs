using EmoAug.Evaluation;
using TorchSharp;
using static TorchSharp.torch;

namespace EmoAug.Training;

/// <summary>
/// Not in the paper or the reference CycleGAN: an emotion classifier trained beforehand on real training faces,
/// frozen, whose cross-entropy tells each generator how far its translations are from the class they should show
/// (StarGAN's domain classification loss, with the classifier trained first instead of alongside). Without it the
/// FER2013 neutral -> disgust generator changed faces too little: its best judge called 30% of them disgust
/// (docs/results.md). The classifier must take faces of the GAN's size and know both classes. Judge the result with
/// another classifier: this one's verdict on the translations is what the generator was trained to please.
/// </summary>
public sealed class ClassifierGuide : IDisposable
{
    readonly TrainedClassifier classifier;
    readonly long sourceIndex, targetIndex;

    ClassifierGuide(TrainedClassifier classifier, long sourceIndex, long targetIndex)
    {
        this.classifier = classifier;
        this.sourceIndex = sourceIndex;
        this.targetIndex = targetIndex;
    }

    /// <summary>Loads the classifier (a checkpoint or run folder) for a GAN between two classes of faces of one size.</summary>
    public static ClassifierGuide Load(string path, string fromClass, string toClass, int size, string device)
    {
        var classifier = TrainedClassifier.Load(path, device);
        try
        {
            long source = classifier.JudgeClassIndex(fromClass, size, $"--guide {path}");
            long target = classifier.JudgeClassIndex(toClass, size, $"--guide {path}");
            foreach (var parameter in classifier.Model.parameters()) parameter.requires_grad = false;
            classifier.Model.eval();
            return new ClassifierGuide(classifier, source, target);
        }
        catch
        {
            classifier.Dispose();
            throw;
        }
    }

    /// <summary>Mean cross-entropy of the classifier on generated faces ([-1, 1]) against the target class (toward B) or the source class.</summary>
    public Tensor Loss(Tensor generated, bool towardTarget)
    {
        using var scope = NewDisposeScope();
        var pixels = generated.add(1).mul_(127.5); // the GAN's [-1, 1] back to the 0-255 scale classifiers normalise from
        var logits = classifier.Model.forward(classifier.Normalisation.Apply(pixels));
        var labels = full(generated.shape[0], towardTarget ? targetIndex : sourceIndex, ScalarType.Int64, generated.device);
        return nn.functional.cross_entropy(logits, labels).MoveToOuterDisposeScope();
    }

    public void Dispose() => classifier.Dispose();
}
