using System.Diagnostics;
using EmoAug.Data;
using EmoAug.Data.Loading;
using EmoAug.Evaluation;
using EmoAug.Experiments.Planning;
using EmoAug.Generators;
using EmoAug.Generators.CycleGan;
using EmoAug.Generators.StarGan;
using EmoAug.Training;
using EmoAug.Runtime;
using static TorchSharp.torch;

namespace EmoAug.Experiments.Execution;

/// <summary>
/// Does one planned unit at a time on the experiment's loaded data and records its result in the ledger. A unit's
/// work reads only its plan and the ledger's records of the units it depends on, so units can be done in any order
/// their dependencies allow, by this process or another one (`experiment --unit`).
/// </summary>
/// <param name="report">Where the unit is and a line about its own progress.</param>
public sealed class UnitExecutor(ExperimentPlan plan, FaceDataset data, UnitLedger ledger, Action<string, string>? report = null)
    : IDisposable
{
    // The fold whose faces the last unit used: consecutive units of one fold share one copy.
    (string Name, FaceDataset Data)? current;

    int Threads => plan.Options.Threads;
    ComputeDevice Device => plan.Options.Device;

    /// <summary>Whether the unit's result is recorded; a generation recorded with fewer faces than planned (a rerun with
    /// a larger --sweep share or --gan-amount) is not done: it is made again, whole, and its first faces come out as
    /// before, since the source order depends on the seed alone.</summary>
    public static bool IsDone(UnitLedger ledger, PlannedUnit unit) =>
        ledger.IsDone(unit.Id) && (unit is not GenerationPlan g || ledger.Get<GenerationUnit>(g.Id).Count >= g.Count);

    /// <summary>Does the unit (if it is not done) and records it; a one-line error if a unit it needs is not done.</summary>
    public void Run(PlannedUnit unit, CancellationToken cancel = default)
    {
        if (IsDone(ledger, unit)) return;
        if (unit.DependsOn.FirstOrDefault(d => !ledger.IsDone(d)) is { } missing)
            throw new EmoAugException($"unit {unit.Id}: needs unit {missing}, which is not done yet");
        var foldData = FoldData(unit.Fold);
        // The threads are this process's (a worker's share), whatever the plan was made with: two workers that each
        // took the plan's would oversubscribe the cores several times over. The device is this run's too.
        unit = unit switch
        {
            ClassifierRunPlan c => c with { Options = c.Options with { Threads = Threads, Device = Device } },
            GanTrainingPlan g => g with { Options = g.Options with { Threads = Threads, Device = Device } },
            StarGanTrainingPlan s => s with { Options = s.Options with { Threads = Threads, Device = Device } },
            GanTrainPlan t => t with { Options = t.Options with { Threads = Threads, Device = Device } },
            _ => unit,
        };
        switch (unit)
        {
            case ClassifierRunPlan c: ledger.Done(c.Id, TrainClassifier(foldData, c, cancel)); break;
            case GanTrainingPlan g: ledger.Done(g.Id, TrainGan(foldData, g, cancel)); break;
            case PretrainedGanPlan p: ledger.Done(p.Id, PretrainedGan(p)); break;
            case StarGanTrainingPlan s: ledger.Done(s.Id, TrainStarGan(foldData, s, cancel)); break;
            case GenerationPlan g: ledger.Done(g.Id, Generate(foldData, g)); break;
            case QualityPlan q: ledger.Done(q.Id, MeasureQuality(foldData, q)); break;
            case GanTrainPlan t: ledger.Done(t.Id, MeasureGanTrain(foldData, t)); break;
            default: throw new InvalidOperationException($"unknown unit kind {unit.GetType().Name}");
        }
    }

    FaceDataset FoldData(string fold)
    {
        if (current is { } c && c.Name == fold) return c.Data;
        current?.Data.Dispose();
        current = null;
        var f = plan.Folds.First(x => x.Name == fold);
        var foldData = DatasetComposition.ForFold(data, f.Train, f.Validation, f.Test);
        current = (fold, foldData);
        return foldData;
    }

    GanUnit TrainGan(FaceDataset foldData, GanTrainingPlan unit, CancellationToken cancel)
    {
        var name = $"{unit.Source}2{unit.Target}";
        using var trainer = File.Exists(Path.Combine(unit.Directory, CycleGanCheckpoint.FileName))
            ? CycleGanTrainer.Resume(foldData, unit.Directory, Threads, Device)
            : new CycleGanTrainer(foldData, unit.Source, unit.Target, unit.Options, unit.Directory);
        trainer.Train(p => report?.Invoke($"{unit.Fold}: CycleGAN {name}", $"epoch {p.Epoch}/{p.TotalEpochs} iteration {p.Iteration}/{p.IterationsPerEpoch}"), cancel: cancel);
        return new GanUnit(unit.Fold, unit.Source, unit.Target, trainer.CheckpointPath,
            Path.Combine(unit.Directory, "samples", $"epoch_{trainer.CompletedEpochs:D3}.png"), Path.Combine(unit.Directory, "losses.png"),
            trainer.CompletedEpochs, trainer.CountA, trainer.CountB,
            trainer.History.Sum(e => e.Seconds), // the history spans resumes, a stopwatch would not
            Guide: unit.Options.Guide?[0], StartedFrom: unit.Options.InitFrom);
    }

    GanUnit TrainStarGan(FaceDataset foldData, StarGanTrainingPlan unit, CancellationToken cancel)
    {
        using var trainer = File.Exists(Path.Combine(unit.Directory, StarGanCheckpoint.FileName))
            ? StarGanTrainer.Resume(foldData, unit.Directory, Threads, Device)
            : new StarGanTrainer(foldData, unit.Options, unit.Directory);
        trainer.Train(p => report?.Invoke($"{unit.Fold}: StarGAN", $"iteration {p.Iteration}/{p.TotalIterations}"), cancel: cancel);
        return new GanUnit(unit.Fold, "all", "all", trainer.CheckpointPath,
            Path.Combine(unit.Directory, "samples", $"iter_{trainer.CompletedIterations:D6}.png"), Path.Combine(unit.Directory, "losses.png"),
            trainer.CompletedIterations, trainer.TrainCount, 0, trainer.History.Sum(i => i.Seconds), Family: GeneratorFamily.StarGan);
    }

    /// <summary>The --gan-from generator: a CycleGAN that translates the source class into this target, or a StarGAN.</summary>
    static GanUnit PretrainedGan(PretrainedGanPlan unit)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(unit.Checkpoint))!;
        var grid = unit.Family == GeneratorFamily.StarGan ? $"iter_{unit.Epochs:D6}.png" : $"epoch_{unit.Epochs:D3}.png";
        return new GanUnit(unit.Fold, unit.Source, unit.Target, unit.Checkpoint, Path.Combine(dir, "samples", grid),
            Path.Combine(dir, "losses.png"), unit.Epochs, 0, 0, 0, Pretrained: true, Family: unit.Family);
    }

    GenerationUnit Generate(FaceDataset foldData, GenerationPlan unit)
    {
        var watch = Stopwatch.StartNew();
        var gan = ledger.Get<GanUnit>(unit.Gan);
        if (Directory.Exists(unit.Directory)) Directory.Delete(unit.Directory, recursive: true); // an interrupted generation starts over
        report?.Invoke($"{unit.Fold}: generating {unit.Count} {unit.Target} faces", "");
        // A CycleGAN knows its classes; the fold's StarGAN is told them.
        bool star = gan.Family == GeneratorFamily.StarGan;
        using var faces = FaceGeneration.Generate(gan.Checkpoint, foldData,
            new GenerationOptions(Count: Math.Max(1, unit.Count), Seed: 0, Threads: Threads, Device: Device,
                From: star ? unit.Source : null, To: star ? unit.Target : null), unit.Directory);
        return new GenerationUnit(unit.Fold, unit.Target, unit.Directory, faces.Files.Count, watch.Elapsed.TotalSeconds);
    }

    ClassifierUnit TrainClassifier(FaceDataset foldData, ClassifierRunPlan unit, CancellationToken cancel)
    {
        var added = new Dictionary<string, int>();
        FaceDataset trainData = foldData;
        var extras = new List<FaceDataset>();
        try
        {
            foreach (var input in unit.Generated)
            {
                for (int i = 0; i < input.Generations.Count; i++)
                {
                    // Equal shares from each source; the first sources take the remainder.
                    int share = input.Wanted / input.Generations.Count + (i < input.Wanted % input.Generations.Count ? 1 : 0);
                    if (share == 0) continue;
                    var generated = LoadGenerated(ledger.Get<GenerationUnit>(input.Generations[i]).Directory, foldData.Height);
                    extras.Add(generated);
                    var chosen = unit.FilterBy is { } judge
                        ? MostConfident(generated, input.Target, share, ledger.Get<ClassifierUnit>(judge))
                        : Enumerable.Range(0, Math.Min(share, generated.Count)).ToList();
                    var subset = generated.Subset(chosen);
                    extras.Add(subset);
                    var next = DatasetComposition.AppendToTraining(trainData, subset);
                    if (!ReferenceEquals(trainData, foldData)) trainData.Dispose();
                    trainData = next;
                    var className = foldData.ClassNames[input.Target];
                    added[className] = added.GetValueOrDefault(className) + chosen.Count;
                }
            }
            var trainer = new ClassifierTrainer(unit.Options, p =>
                report?.Invoke($"{unit.Fold}: classifier seed {unit.Seed} {unit.Arm.Key}", $"epoch {p.Epoch}/{p.Epochs} batch {p.Batch}/{p.Batches}"));
            var result = trainer.Train(trainData, unit.Directory, plan.Options.Data, resume: Directory.Exists(unit.Directory), cancel: cancel);
            using var classifier = TrainedClassifier.Load(result.BestCheckpoint, Device);
            using var test = foldData.WhereSplit("test");
            var predicted = classifier.Predict(test.Images);
            return new ClassifierUnit(unit.Fold, unit.Seed, unit.Arm.Key, unit.Directory, trainData.Samples.Count(s => s.Split == "train"),
                added, result.Final.BestEpoch, test.LabelArray(), predicted, result.Final.History.Sum(m => m.Seconds));
        }
        finally
        {
            if (!ReferenceEquals(trainData, foldData)) trainData.Dispose();
            foreach (var extra in extras) extra.Dispose();
        }
    }

    /// <summary>The generated faces that the same seed's baseline classifier finds most like the target class.</summary>
    List<int> MostConfident(FaceDataset generated, int target, int wanted, ClassifierUnit baseline)
    {
        using var classifier = TrainedClassifier.Load(baseline.RunDirectory, Device);
        using var probabilities = classifier.Probabilities(generated.Images);
        return FaceGeneration.MostLikeTarget(probabilities.select(1, target).data<float>().ToArray(), wanted).ToList();
    }

    GanTrainUnit MeasureGanTrain(FaceDataset foldData, GanTrainPlan unit)
    {
        var watch = Stopwatch.StartNew();
        if (Directory.Exists(unit.Directory)) Directory.Delete(unit.Directory, recursive: true); // an interrupted one starts over
        report?.Invoke($"{unit.Fold}: GAN-train", $"{unit.FacesPerClass} faces per class");
        var measured = GanTrain.Measure(ledger.Get<GanUnit>(unit.Gan).Checkpoint, foldData, unit.FacesPerClass, unit.Options, unit.Directory);
        return new GanTrainUnit(unit.Fold, unit.Gan, measured, watch.Elapsed.TotalSeconds);
    }

    QualityUnit MeasureQuality(FaceDataset foldData, QualityPlan unit)
    {
        var generatedDir = ledger.Get<GenerationUnit>(unit.Generation).Directory;
        var judge = ledger.Get<ClassifierUnit>(unit.Judge);
        int target = foldData.ClassNames.ToList().IndexOf(unit.Target);
        using var generated = LoadGenerated(generatedDir, foldData.Height);
        using var classifier = TrainedClassifier.Load(judge.RunDirectory, Device);
        using var train = foldData.WhereSplit("train");
        var labels = train.LabelArray();
        using var realTarget = train.Subset(Enumerable.Range(0, train.Count).Where(i => labels[i] == target).ToList());
        // Identity L1 compares each face with the source face it was translated from, named in the manifest.
        using var sourceImages = SourcesOf(generatedDir, foldData, generated) ?? throw new EmoAugException(
            $"{Path.Combine(generatedDir, FaceGeneration.ManifestName)}: missing or does not name the source of every generated face; delete {generatedDir} to generate again");
        // 50 KID subsets, as every experiment so far recorded (gan-quality draws 100).
        var quality = GanQuality.Compute(generated.Images, sourceImages, realTarget.Images, target, foldData.ClassNames,
            x => classifier.Features(x), x => classifier.Probabilities(x), kidSubsets: 50,
            kidSubsetSize: Math.Min(1000, Math.Min(realTarget.Count, generated.Count)));
        return new QualityUnit(unit.Fold, unit.Source, unit.Target, generated.Count,
            realTarget.Count, quality.GanTest, quality.Kid.Mean, quality.Kid.StandardError, quality.IdentityL1,
            unit.JudgedBy, quality.SourceAsTarget, quality.RealAsTarget, quality.GeneratedLabels);
    }

    /// <summary>The source faces of generated ones, in the same order, from the generation's manifest; null if unknown.</summary>
    static Tensor? SourcesOf(string generatedDir, FaceDataset foldData, FaceDataset generated)
    {
        var manifest = Path.Combine(generatedDir, FaceGeneration.ManifestName);
        if (!File.Exists(manifest)) return null;
        var sourceOf = File.ReadLines(manifest).Skip(1).Select(line => line.Split(','))
            .Where(f => f.Length >= 3).ToDictionary(f => f[0], f => f[2]);
        var indexOfSource = new Dictionary<string, int>();
        for (int i = 0; i < foldData.Count; i++) indexOfSource.TryAdd(foldData.Samples[i].Source, i);
        var indices = new List<long>();
        foreach (var sample in generated.Samples)
        {
            var relative = Path.GetRelativePath(generatedDir, sample.Source).Replace('\\', '/');
            if (!sourceOf.TryGetValue(relative, out var src) || !indexOfSource.TryGetValue(src, out var index)) return null;
            indices.Add(index);
        }
        using var idx = tensor(indices.ToArray(), ScalarType.Int64);
        return foldData.Images.index_select(0, idx);
    }

    /// <summary>Generated faces as a dataset (their class folders), never cached: a generation may be made again.</summary>
    public static FaceDataset LoadGenerated(string directory, int size) =>
        DatasetLoader.Load(directory, new LoadOptions(Size: size, Format: DataFormat.Folders, UseCache: false));

    public void Dispose()
    {
        current?.Data.Dispose();
        current = null;
    }
}
