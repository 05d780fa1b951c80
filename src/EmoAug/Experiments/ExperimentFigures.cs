using EmoAug.Generators;
using EmoAug.Data;
using EmoAug.Data.Loading;
using EmoAug.Evaluation;
using EmoAug.Reporting;
using static TorchSharp.torch;

namespace EmoAug.Experiments;

/// <summary>
/// Draws the report's figures into the experiment's figures/ folder: one confusion heatmap per arm, accuracy against
/// the amount of generated data, t-SNE of the classifier's features before and after augmentation, and grids of
/// generated faces. Returns figure name -> path relative to the experiment folder.
/// </summary>
public static class ExperimentFigures
{
    /// <summary>Real faces per class and generated faces per target class in the t-SNE views.</summary>
    const int TsnePerClass = 150;

    public static Dictionary<string, string> Draw(ExperimentOptions options, FaceDataset data,
        IReadOnlyList<ExperimentFold> folds, ExperimentResults results, IReadOnlyList<ClassifierUnit> runs,
        IReadOnlyDictionary<GanUnit, GenerationUnit> generations, int tsneIterations, CancellationToken cancel)
    {
        var root = options.OutputDirectory;
        var figures = new Dictionary<string, string>();
        string Figure(string name) => Path.Combine(root, "figures", name);
        string Relative(string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

        foreach (var arm in results.Arms)
        {
            var path = Figure($"confusion-{Safe(arm.Name)}.png");
            ConfusionHeatmap.Save(path, arm.Confusion, results.ClassNames, $"{arm.Name} (seed 0, all folds; rows = true class)");
            figures[$"confusion:{arm.Name}"] = Relative(path);
        }

        var sweep = results.Arms.Where(a => ExperimentArms.IsSweep(a.Name)).ToList();
        if (sweep.Count >= 2)
        {
            var x = sweep.Select(a => double.Parse(a.Name["sweep-".Length..^1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
            var series = new List<LineSeries>
            {
                new("accuracy", x, sweep.Select(a => 100 * a.Accuracy.Mean).ToList(), sweep.Select(a => Err(a.Accuracy)).ToList()),
                new("macro-F1", x, sweep.Select(a => 100 * a.MacroF1.Mean).ToList(), sweep.Select(a => Err(a.MacroF1)).ToList()),
            };
            foreach (var target in generations.Keys.Select(g => g.Target).Distinct())
                series.Add(new($"{target} recall", x,
                    sweep.Select(a => a.Recall.TryGetValue(target, out var r) ? 100 * r.Mean : double.NaN).ToList(),
                    sweep.Select(a => a.Recall.TryGetValue(target, out var r) ? Err(r) : 0).ToList()));
            var path = Figure("amount-sweep.png");
            LinePlot.Save(path, series, "Scores against the amount of generated data",
                "generated faces per target class (% of its real training count)", "%");
            figures["amount-sweep"] = Relative(path);
        }

        if (generations.Count > 0)
        {
            var fold = folds[0];
            var foldGans = generations.Keys.Where(g => g.Fold == fold.Name).ToList();
            foreach (var gan in foldGans)
            {
                // "disgust", or with several sources "disgust from neutral".
                var name = foldGans.Count(g => g.Target == gan.Target) == 1 ? gan.Target : $"{gan.Target} from {gan.Source}";
                using var generated = DatasetLoader.Load(generations[gan].Directory, new LoadOptions(Size: data.Height, Format: DataFormat.Folders, UseCache: false));
                var path = Figure($"generated-{Safe(name)}.png");
                // Two rows of up to 16 generated faces (the grid of a dataset would add an empty row per other class).
                int shown = Math.Min(32, generated.Count);
                using var first = generated.Images.narrow(0, 0, Math.Min(16, shown));
                using var second = generated.Images.narrow(0, Math.Min(16, shown), shown - Math.Min(16, shown));
                FaceGrid.Write(path, [first, second]);
                figures[$"generated:{name}"] = Relative(path);
                // A StarGAN's grid and curves serve every pair it made: shown once.
                var generator = gan.Family == GeneratorFamily.StarGan ? ClosedSet.Name(gan.Family) : $"{gan.Source}2{gan.Target}";
                if (File.Exists(gan.SampleGrid)) figures[$"gan-samples:{generator}"] = Relative(gan.SampleGrid);
                var losses = gan.LossCurves;
                if (File.Exists(losses)) figures[$"gan-losses:{generator}"] = Relative(losses);
            }
            cancel.ThrowIfCancellationRequested();
            DrawTsne(data, fold, runs, foldGans, generations, tsneIterations, figures, Figure, Relative);
        }
        return figures;
    }

    /// <summary>
    /// t-SNE of real training faces (up to 150 per class) and generated ones (up to 150 per target, shared equally
    /// between its sources) in the feature
    /// space of the baseline classifier ("before") and of the GAN arm's classifier ("after"), seed 0, first fold.
    /// </summary>
    static void DrawTsne(FaceDataset data, ExperimentFold fold, IReadOnlyList<ClassifierUnit> runs,
        IReadOnlyList<GanUnit> foldGans, IReadOnlyDictionary<GanUnit, GenerationUnit> generations, int iterations,
        Dictionary<string, string> figures, Func<string, string> figure,
        Func<string, string> relative)
    {
        var random = new Random(0);
        var labels = data.LabelArray();
        var realIndices = fold.Train.GroupBy(i => labels[i])
            .SelectMany(g => g.OrderBy(_ => random.Next()).Take(TsnePerClass)).Order().ToList();
        using var real = data.Subset(realIndices);
        var images = new List<Tensor> { real.Images };
        var pointLabels = real.LabelArray().Select(l => (int)l).ToList();
        var isGenerated = Enumerable.Repeat(false, real.Count).ToList();
        var generatedSets = new List<FaceDataset>();
        foreach (var gan in foldGans)
        {
            int perSource = TsnePerClass / foldGans.Count(g => g.Target == gan.Target);
            var all = DatasetLoader.Load(generations[gan].Directory, new LoadOptions(Size: data.Height, Format: DataFormat.Folders, UseCache: false));
            var some = all.Subset(Enumerable.Range(0, Math.Min(perSource, all.Count)).ToList());
            all.Dispose();
            generatedSets.Add(some);
            images.Add(some.Images);
            int target = data.ClassNames.ToList().IndexOf(gan.Target);
            pointLabels.AddRange(Enumerable.Repeat(target, some.Count));
            isGenerated.AddRange(Enumerable.Repeat(true, some.Count));
        }
        using var points = cat(images, 0);
        foreach (var set in generatedSets) set.Dispose();

        var views = new (string Name, string Settings)[]
        {
            ("before", ArmSettings.Baseline.Key),
            ("after", runs.Where(r => r.Fold == fold.Name && r.Seed == 0 && r.Settings.StartsWith("gen", StringComparison.Ordinal)
                && !r.Settings.Contains("filtered") && !r.Settings.Contains("classic")).Select(r => r.Settings).FirstOrDefault() ?? ""),
        };
        foreach (var (name, settings) in views)
        {
            var run = runs.FirstOrDefault(r => r.Fold == fold.Name && r.Seed == 0 && r.Settings == settings);
            if (run == null) continue;
            using var classifier = TrainedClassifier.Load(run.RunDirectory);
            using var features = classifier.Features(points);
            var matrix = ToMatrix(features);
            var embedding = Tsne.Embed(matrix, new TsneOptions { Seed = 0, Iterations = iterations });
            var path = figure($"tsne-{name}.png");
            ScatterPlot.Save(path, embedding, pointLabels, isGenerated, data.ClassNames,
                $"t-SNE {name} augmentation ({(name == "before" ? "baseline" : settings)} features)");
            figures[$"tsne:{name}"] = relative(path);
        }
    }

    static float[,] ToMatrix(Tensor features)
    {
        int n = (int)features.shape[0], d = (int)features.shape[1];
        var flat = features.contiguous().data<float>().ToArray();
        var matrix = new float[n, d];
        Buffer.BlockCopy(flat, 0, matrix, 0, flat.Length * sizeof(float));
        return matrix;
    }

    static double Err(Summary s) => double.IsNaN(s.Std) ? 0 : 100 * s.Std;

    static string Safe(string name) => string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
}
