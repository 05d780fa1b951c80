using EmoAug.Data;
using EmoAug.Evaluation;

namespace EmoAug.Experiments;

/// <summary>
/// Turns classifier runs into arm results: each seed's predictions are pooled over the folds (so leave-one-subject-out
/// gives one score per seed over all 213 JAFFE faces), then summarised over seeds. Differences to the baseline carry a
/// 95% confidence interval: paired over seeds (Student t) when there are two or more, else a paired bootstrap over the
/// test faces (1,000 resamples).
/// </summary>
public static class ExperimentSummary
{
    public static ExperimentResults Summarise(ExperimentOptions options, string command, ExperimentBudget budget,
        string protocol, FaceDataset data, IReadOnlyList<ExperimentFold> folds, int seeds,
        IReadOnlyList<(string Name, ArmSettings Settings)> arms, IReadOnlyList<ClassifierUnit> runs,
        IReadOnlyList<GanUnit> gans, IReadOnlyList<QualityUnit> quality, double seconds)
    {
        var classNames = data.ClassNames;
        var present = PresentClasses(runs, classNames.Count);
        var baselineKey = ArmSettings.Baseline.Key;
        var baselinePooled = runs.Any(r => r.Settings == baselineKey) ? Pool(runs, baselineKey, seeds) : null;
        var armResults = new List<ArmResult>();
        foreach (var (name, settings) in arms)
        {
            var pooled = Pool(runs, settings.Key, seeds);
            var metrics = pooled.Select(p => ClassificationMetrics.FromPredictions(p.Truth, p.Predicted, classNames)).ToList();
            var recall = present.ToDictionary(c => classNames[c],
                c => Summary.Of(metrics.Select(m => m.PerClass[classNames[c]].Recall).ToList()));
            Difference? accuracyDiff = null, f1Diff = null;
            Dictionary<string, Difference>? recallDiff = null;
            if (baselinePooled != null && settings.Key != baselineKey)
            {
                accuracyDiff = Compare(pooled, baselinePooled, classNames, m => m.Accuracy);
                f1Diff = Compare(pooled, baselinePooled, classNames, m => m.MacroF1);
                recallDiff = present.ToDictionary(c => classNames[c],
                    c => Compare(pooled, baselinePooled, classNames, m => m.PerClass[classNames[c]].Recall));
            }
            armResults.Add(new ArmResult(name, settings.Key, runs.Count(r => r.Settings == settings.Key),
                Summary.Of(metrics.Select(m => m.Accuracy).ToList()),
                Summary.Of(metrics.Select(m => m.BalancedAccuracy).ToList()),
                Summary.Of(metrics.Select(m => m.MacroF1).ToList()),
                recall, accuracyDiff, f1Diff, recallDiff, metrics[0].ConfusionRows(), null,
                runs.Where(r => r.Settings == settings.Key).Sum(r => r.Seconds)));
        }

        var baselineRuns = runs.Where(r => r.Settings == baselineKey).ToList();
        return new ExperimentResults(command, options, budget.Name, protocol, options.Data, data.Format, data.Height,
            classNames, ClassCounts(data), folds.Select(f => f.Name).ToList(), seeds, armResults, gans, quality,
            new Dictionary<string, string>(), Timings(runs, gans, seconds), Versions(),
            DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss 'UTC'"),
            BaselineRuns: baselineRuns.Count, BaselineStillImproving: baselineRuns.Count(r => r.BestEpoch >= budget.Classifier.Epochs));
    }

    /// <summary>Each seed's truth and predictions over all folds, for one arm's settings.</summary>
    static List<(long[] Truth, long[] Predicted)> Pool(IReadOnlyList<ClassifierUnit> runs, string settingsKey, int seeds) =>
        Enumerable.Range(0, seeds).Select(seed =>
        {
            var mine = runs.Where(r => r.Settings == settingsKey && r.Seed == seed).ToList();
            return (mine.SelectMany(r => r.Truth).ToArray(), mine.SelectMany(r => r.Predicted).ToArray());
        }).ToList();

    static Difference Compare(List<(long[] Truth, long[] Predicted)> arm, List<(long[] Truth, long[] Predicted)> baseline,
        IReadOnlyList<string> classNames, Func<ClassificationMetrics, double> score)
    {
        if (arm.Count >= 2)
        {
            var a = arm.Select(p => score(ClassificationMetrics.FromPredictions(p.Truth, p.Predicted, classNames))).ToList();
            var b = baseline.Select(p => score(ClassificationMetrics.FromPredictions(p.Truth, p.Predicted, classNames))).ToList();
            var ci = Statistics.DifferenceInterval(a, b, paired: true);
            return new Difference(ci.Estimate, ci.Lower, ci.Upper, $"paired t over {arm.Count} seeds");
        }
        var (truth, predictedArm) = arm[0];
        var predictedBase = baseline[0].Predicted;
        double Stat(IReadOnlyList<int> idx)
        {
            var t = idx.Select(i => truth[i]).ToArray();
            return score(ClassificationMetrics.FromPredictions(t, idx.Select(i => predictedArm[i]).ToArray(), classNames))
                 - score(ClassificationMetrics.FromPredictions(t, idx.Select(i => predictedBase[i]).ToArray(), classNames));
        }
        var boot = Statistics.BootstrapInterval(truth.Length, Stat, seed: 0, resamples: 1000);
        return new Difference(boot.Estimate, boot.Lower, boot.Upper, "paired bootstrap over test faces, 1 seed");
    }

    static List<int> PresentClasses(IReadOnlyList<ClassifierUnit> runs, int classes)
    {
        var seen = new bool[classes];
        foreach (var run in runs)
            foreach (var t in run.Truth) seen[t] = true;
        return Enumerable.Range(0, classes).Where(c => seen[c]).ToList();
    }

    /// <summary>Images per split and class of the loaded dataset (its own split names).</summary>
    public static Dictionary<string, Dictionary<string, int>> ClassCounts(FaceDataset data)
    {
        var labels = data.LabelArray();
        var counts = new Dictionary<string, Dictionary<string, int>>();
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] < 0) continue;
            var split = data.Samples[i].Split;
            if (!counts.TryGetValue(split, out var perClass)) counts[split] = perClass = data.ClassNames.ToDictionary(c => c, _ => 0);
            perClass[data.ClassNames[(int)labels[i]]]++;
        }
        return counts;
    }

    static Dictionary<string, double> Timings(IReadOnlyList<ClassifierUnit> runs, IReadOnlyList<GanUnit> gans, double seconds) => new()
    {
        ["gan_training_s"] = gans.Sum(g => g.Seconds),
        ["classifier_training_s"] = runs.Sum(r => r.Seconds),
        ["this_invocation_s"] = seconds,
    };

    static Dictionary<string, string> Versions() => new()
    {
        ["emoaug"] = typeof(ExperimentSummary).Assembly.GetName().Version?.ToString() ?? "?",
        [".net"] = Environment.Version.ToString(),
        ["torchsharp"] = typeof(TorchSharp.torch).Assembly.GetName().Version?.ToString() ?? "?",
        ["os"] = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
        ["cpu_threads"] = Environment.ProcessorCount.ToString(),
    };
}
