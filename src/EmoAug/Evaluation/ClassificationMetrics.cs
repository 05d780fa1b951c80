namespace EmoAug.Evaluation;

/// <summary>Precision, recall and F1 of one class, and how many test images truly belong to it.</summary>
public sealed record ClassMetrics(double Precision, double Recall, double F1, int Support);

/// <summary>
/// The scores of a classifier on a labelled set, all derived from one confusion matrix (rows = true class,
/// columns = predicted class). Balanced accuracy and macro-F1 average over the classes that occur in the truth,
/// so a class absent from a test set neither helps nor hurts.
/// </summary>
public sealed class ClassificationMetrics
{
    ClassificationMetrics(int[,] confusion, IReadOnlyList<string> classNames)
    {
        Confusion = confusion;
        ClassNames = classNames;
        int k = classNames.Count;
        long total = 0, correct = 0;
        var perClass = new Dictionary<string, ClassMetrics>();
        for (int c = 0; c < k; c++)
        {
            int support = 0, predicted = 0;
            for (int j = 0; j < k; j++) { support += confusion[c, j]; predicted += confusion[j, c]; }
            int hit = confusion[c, c];
            double precision = predicted == 0 ? 0 : (double)hit / predicted;
            double recall = support == 0 ? 0 : (double)hit / support;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perClass[classNames[c]] = new ClassMetrics(precision, recall, f1, support);
            total += support;
            correct += hit;
        }
        PerClass = perClass;
        var present = perClass.Values.Where(m => m.Support > 0).ToList();
        Accuracy = total == 0 ? 0 : (double)correct / total;
        BalancedAccuracy = present.Count == 0 ? 0 : present.Average(m => m.Recall);
        MacroF1 = present.Count == 0 ? 0 : present.Average(m => m.F1);
        Count = (int)total;
    }

    public int[,] Confusion { get; }
    public IReadOnlyList<string> ClassNames { get; }
    public IReadOnlyDictionary<string, ClassMetrics> PerClass { get; }
    public double Accuracy { get; }
    public double BalancedAccuracy { get; }
    public double MacroF1 { get; }

    /// <summary>Number of images scored.</summary>
    public int Count { get; }

    public static ClassificationMetrics FromPredictions(IReadOnlyList<long> truth, IReadOnlyList<long> predicted,
        IReadOnlyList<string> classNames)
    {
        if (truth.Count != predicted.Count) throw new ArgumentException("truth and predictions differ in length");
        var confusion = new int[classNames.Count, classNames.Count];
        for (int i = 0; i < truth.Count; i++) confusion[truth[i], predicted[i]]++;
        return new ClassificationMetrics(confusion, classNames);
    }

    public static ClassificationMetrics FromConfusion(int[,] confusion, IReadOnlyList<string> classNames)
    {
        if (confusion.GetLength(0) != classNames.Count || confusion.GetLength(1) != classNames.Count)
            throw new ArgumentException("the confusion matrix must be square with one row per class");
        return new ClassificationMetrics((int[,])confusion.Clone(), classNames);
    }

    /// <summary>The confusion matrix as rows (true class) of counts, for JSON.</summary>
    public int[][] ConfusionRows() =>
        Enumerable.Range(0, ClassNames.Count)
            .Select(r => Enumerable.Range(0, ClassNames.Count).Select(c => Confusion[r, c]).ToArray()).ToArray();
}
