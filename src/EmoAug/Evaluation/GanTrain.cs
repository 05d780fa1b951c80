using EmoAug.Data;
using EmoAug.Generators;
using EmoAug.Training;
using static TorchSharp.torch;

namespace EmoAug.Evaluation;

/// <summary>One classifier's scores on the real faces it was tested on.</summary>
public sealed record GanTrainScores(double Accuracy, double BalancedAccuracy, double MacroF1, IReadOnlyDictionary<string, double> Recall)
{
    public static GanTrainScores Of(ClassificationMetrics m) =>
        new(m.Accuracy, m.BalancedAccuracy, m.MacroF1, m.ClassNames.ToDictionary(c => c, c => m.PerClass[c].Recall));
}

/// <param name="FacesPerClass">Generated faces of each class the GAN-train classifier learnt from, and real ones the
/// real-train classifier learnt from.</param>
/// <param name="ScoredOn">The real split both were scored on, and its size.</param>
/// <param name="GanTrain">The classifier trained on generated faces only.</param>
/// <param name="RealTrain">The same classifier, options and steps, trained on as many real training faces per class.</param>
public sealed record GanTrainReport(int FacesPerClass, string ScoredOn, int ScoredCount, GanTrainScores GanTrain, GanTrainScores RealTrain);

/// <summary>
/// GAN-train (Shmelkov et al. 2018, "How good is my GAN?"): a classifier trained on generated faces alone, of every
/// class, scored on real test faces, against the same classifier trained on as many real training faces. Near the
/// real one, the generated faces carry what a classifier needs of each class; far below, they are realistic at most.
/// It needs a generator of every class (a StarGAN). Both classifiers select their epoch on the real validation
/// split when the data have one (else on a tenth of their own training faces) and are scored on the test split (else
/// the validation split).
/// </summary>
public static class GanTrain
{
    public static GanTrainReport Measure(string starGan, FaceDataset data, int facesPerClass, ClassifierOptions classifier, string scratch)
    {
        if (facesPerClass < 1) throw new EmoAugException($"--gan-train-count {facesPerClass}: must be at least 1");
        var splits = data.SplitNames();
        var test = splits.Where(SplitRoles.IsTest).ToArray();
        var validation = splits.Where(SplitRoles.IsValidation).ToArray();
        var scored = test.Length > 0 ? test : validation;
        if (scored.Length == 0) throw new EmoAugException("--gan-train: the data have no test or validation split to score the classifiers on");
        var select = test.Length > 0 ? validation : [];
        var labels = data.LabelArray();
        int[] In(string[] names) => Enumerable.Range(0, data.Count).Where(i => names.Contains(data.Samples[i].Split)).ToArray();
        var train = TrainingSplit.Indices(data);

        // As many real faces of each class as generated ones, the first of a seeded shuffle (all where a class has fewer).
        var random = new Random(classifier.Seed);
        var realTrain = data.ClassNames.Select((_, c) => train.Where(i => labels[i] == c).OrderBy(_ => random.Next()).Take(facesPerClass))
            .SelectMany(x => x).ToList();
        using var real = DatasetComposition.ForFold(data, realTrain, In(select), In(scored));
        using var heldOut = DatasetComposition.ForFold(data, [], In(select), In(scored));
        using var generated = Generated(starGan, data, facesPerClass, classifier.Threads, Path.Combine(scratch, "faces"));
        using var generatedOnly = DatasetComposition.AppendToTraining(heldOut, generated);
        using var testFaces = heldOut.WhereSplit("test");
        return new GanTrainReport(facesPerClass, string.Join("+", scored), testFaces.Count,
            Score(generatedOnly, classifier, Path.Combine(scratch, "gan-train"), testFaces),
            Score(real, classifier, Path.Combine(scratch, "real-train"), testFaces));
    }

    /// <summary>facesPerClass translations into each of the generator's classes (from neutral, or from any other class
    /// into neutral), labelled as the class they were made for.</summary>
    static FaceDataset Generated(string starGan, FaceDataset data, int facesPerClass, int threads, string folder)
    {
        var images = new List<Tensor>();
        var made = new List<long>();
        try
        {
            foreach (var name in Generators.StarGan.StarGanCheckpoint.ReadHeader(starGan).ClassNames)
            {
                using var faces = FaceGeneration.Generate(starGan, data, new GenerationOptions(Count: facesPerClass, To: name, Threads: threads), folder);
                images.Add(faces.Generated.clone());
                made.AddRange(Enumerable.Repeat((long)TrainingSplit.ClassIndex(data.ClassNames, name, "--data"), (int)faces.Generated.shape[0]));
            }
            var samples = made.Select((_, i) => new FaceSample($"generated/{i}", null, "train")).ToList();
            return new FaceDataset(cat(images, 0), tensor(made.ToArray()), samples, data.ClassNames, "generated");
        }
        finally
        {
            foreach (var image in images) image.Dispose();
        }
    }

    static GanTrainScores Score(FaceDataset training, ClassifierOptions classifier, string folder, FaceDataset testFaces)
    {
        var result = new ClassifierTrainer(classifier).Train(training, folder, "gan-train");
        using var trained = TrainedClassifier.Load(result.BestCheckpoint, classifier.Device);
        return GanTrainScores.Of(trained.Evaluate(testFaces, "the test faces").Metrics);
    }
}
