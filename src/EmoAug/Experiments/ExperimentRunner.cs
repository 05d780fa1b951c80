using EmoAug.Data;
using EmoAug.Evaluation;
using EmoAug.Generators;
using EmoAug.Generators.CycleGan;
using EmoAug.Models;
using EmoAug.Runtime;
using EmoAug.Training;
using System.Diagnostics;
using static TorchSharp.torch;

namespace EmoAug.Experiments;

/// <summary>Where an experiment is: the unit being worked on, how many are done, and a line about the unit's own progress.</summary>
public sealed record ExperimentProgress(string Unit, int Done, int Total, string Detail);

/// <summary>
/// Runs an experiment: for every fold of the protocol, trains the CycleGANs it needs on that fold's training faces
/// only (no test face ever reaches a generator), generates faces, trains a classifier for every arm and seed,
/// evaluates it on the fold's test faces, then pools, summarises and writes results.json, report.md and report.html.
/// Every finished unit is recorded in units.json, so a second run with the same options redoes nothing.
/// </summary>
/// <param name="budgetOverride">Settings to use instead of the named budget (tests use a tiny one).</param>
public sealed class ExperimentRunner(ExperimentOptions options, string command, Action<ExperimentProgress>? progress = null,
    ExperimentBudget? budgetOverride = null)
{
    /// <summary>The seed of the --gan-guide classifiers: one no arm trains with, so a guide never judges its own GAN.</summary>
    public const int GuideSeed = 1000;

    /// <summary>The seed of the GAN-test judge trained from random weights when the arms' starting classifier is also
    /// a guide's (<see cref="JudgeSharesGuideStart"/>).</summary>
    public const int ScratchJudgeSeed = 2000;

    readonly Stopwatch clock = new();
    int unitsDone, unitsTotal;

    public ExperimentResults Run(CancellationToken cancel = default)
    {
        clock.Start();
        var namedBudget = budgetOverride ?? ExperimentBudget.Named(options.Budget);
        var budget = options.ApplyOverrides(namedBudget);
        int seeds = options.Seeds ?? budget.Seeds;
        if (seeds < 1) throw new EmoAugException($"--seeds {seeds}: must be at least 1");
        if (options.GanAmount <= 0) throw new EmoAugException($"--gan-amount {options.GanAmount}: must be positive");
        if (options.Sweep.Any(s => s < 0)) throw new EmoAugException("--sweep: amounts must not be negative");
        var arms = ExperimentArms.Resolve(options);
        TorchRuntime.Ensure(options.Threads);

        Report("loading data", options.Data);
        using var data = DatasetLoader.Load(options.Data, new LoadOptions(Size: options.Size, SkipInvalid: options.SkipInvalid,
            ExcludeList: options.ExcludeList));
        var sources = ResolveSources(data);
        var targets = ResolveTargets(data, sources);
        // From here on the options name the classes actually used, so that settings.json, results.json and the report
        // say them even where the defaults (neutral, disgust) were replaced because the data lack them.
        options = options with
        {
            Sources = options.Sources is { Count: > 0 } givenSources ? givenSources : sources.Select(c => data.ClassNames[c]).ToList(),
            Targets = options.Targets is { Count: > 0 } givenTargets ? givenTargets : targets.Select(c => data.ClassNames[c]).ToList(),
        };
        var (protocol, allFolds) = ExperimentProtocol.Folds(data, options.Protocol, options.Folds, seed: 0);
        var folds = options.MaxFolds > 0 ? allFolds.Take(options.MaxFolds).ToList() : allFolds;
        if (options.GanGuide && options.GanFrom != null)
            throw new EmoAugException("--gan-guide: guides the GANs this experiment trains; --gan-from gives one trained already");
        if (options.GanFrom is { Count: > 0 } && options.GanInitFrom is { Count: > 0 })
            throw new EmoAugException("--gan-init-from: starts the GANs each fold trains; --gan-from uses trained ones as they are; give one of the two");
        // Target class -> the --gan-from GAN that makes it, or the --gan-init-from GAN its fold GANs start from;
        // checked before any file is written.
        var pretrainedGans = options.GanFrom is { Count: > 0 } given ? PretrainedGanPerTarget(given, "--gan-from", data, sources, targets) : null;
        var startingGans = options.GanInitFrom is { Count: > 0 } starts ? PretrainedGanPerTarget(starts, "--gan-init-from", data, sources, targets) : null;

        // The folder is made only once the options and data have been checked: a bad command leaves nothing behind.
        Directory.CreateDirectory(options.OutputDirectory);
        ExperimentSettingsFile.CheckOrWrite(options.OutputDirectory, ExperimentSettingsFile.Of(options, budget));
        var ledger = UnitLedger.Open(options.OutputDirectory);
        var settings = arms.Select(a => a.Settings).Distinct().ToList();
        bool needGan = settings.Any(s => s.UsesGan);
        bool needFilter = settings.Any(s => s.FilterGenerated);
        // The baseline run is needed to place generated faces in t-SNE, to filter them and, failing a better judge, for GAN-test.
        if (needGan && !settings.Contains(ArmSettings.Baseline)) settings.Insert(0, ArmSettings.Baseline);
        // GAN-test wants a judge trained on real faces only that names every class. The oversample arm's run is that
        // judge when the arm runs: a short budget's baseline may never predict a rare class (FER2013's 8-epoch baseline
        // finds no disgust face), and a judge that never names the target measures nothing.
        var (judgeName, judgeSettings) = settings.Contains(ArmSettings.RealOversampled)
            ? (ExperimentArms.Oversample, ArmSettings.RealOversampled) : (ExperimentArms.Baseline, ArmSettings.Baseline);
        // A judge fine-tuned from the classifier a guide of the GANs started from (or was) is fooled by what fooled the
        // guide; GAN-test is then judged by a classifier trained from random weights on the fold's real faces instead,
        // at the named budget's learning rate.
        bool scratchJudge = needGan && JudgeSharesGuideStart(budget, pretrainedGans?.Values, startingGans?.Values);
        var scratchBudget = budget with
        {
            Classifier = budget.Classifier with { InitFrom = null, LearningRate = namedBudget.Classifier.LearningRate },
        };
        settings = settings.OrderBy(s => s.FilterGenerated).ThenBy(s => s.UsesGan).ToList();
        bool guided = needGan && options.GanGuide;
        unitsTotal = folds.Count * ((needGan ? sources.Count * targets.Count * 3 : 0) + (guided ? 1 : 0) + (scratchJudge ? 1 : 0)
            + seeds * settings.Count);

        var gans = new List<GanUnit>();
        var generationOf = new Dictionary<GanUnit, GenerationUnit>();
        var quality = new List<QualityUnit>();
        var runs = new List<ClassifierUnit>();
        foreach (var fold in folds)
        {
            cancel.ThrowIfCancellationRequested();
            using var foldData = DatasetComposition.ForFold(data, fold.Train, fold.Validation, fold.Test);
            var foldDir = Path.Combine(options.OutputDirectory, "units", Safe(fold.Name));
            var realCounts = TrainCounts(foldData);
            double maxShare = settings.Where(s => s.UsesGan).Select(s => s.FilterGenerated ? 2 * s.GeneratedShare : s.GeneratedShare)
                .DefaultIfEmpty(0).Max();
            // Target class -> its generated faces, one generation per source class in the order given.
            var generations = new Dictionary<int, List<GenerationUnit>>();
            var foldGans = new List<GanUnit>();
            if (needGan)
            {
                // The guide sees the fold's real training faces only, like every unit of the fold.
                var guide = guided
                    ? Unit(ledger, $"{fold.Name}/guide", () => TrainClassifier(foldData, fold.Name, GuideSeed, ArmSettings.Baseline,
                        budget, targets, realCounts, generations, foldDir, ledger, cancel))
                    : null;
                foreach (var target in targets)
                {
                    generations[target] = [];
                    foreach (var source in sources)
                    {
                        var gan = Unit(ledger, $"{fold.Name}/gan/{data.ClassNames[source]}2{data.ClassNames[target]}",
                            () => pretrainedGans != null
                                ? PretrainedGan(pretrainedGans[target], foldData, fold.Name, source, target)
                                : TrainGan(foldData, fold.Name, source, target, budget, foldDir, guide?.RunDirectory,
                                    startingGans?[target], cancel));
                        foldGans.Add(gan);
                        // Each source gives an equal share of the target's faces.
                        int count = (int)Math.Ceiling(maxShare * realCounts[target] / sources.Count);
                        var generationId = $"{fold.Name}/generate/{GenerationName(gan)}";
                        // A rerun with a larger --sweep share or --gan-amount needs more faces than were made: make
                        // them all again (the source order depends on the seed alone, so the first ones come out as before).
                        if (ledger.IsDone(generationId) && ledger.Get<GenerationUnit>(generationId).Count < count)
                            ledger.Done(generationId, Generate(foldData, gan, count, foldDir));
                        var generation = Unit(ledger, generationId, () => Generate(foldData, gan, count, foldDir));
                        generations[target].Add(generation);
                        generationOf[gan] = generation;
                    }
                }
                gans.AddRange(foldGans);
            }

            for (int seed = 0; seed < seeds; seed++)
            {
                foreach (var armSettings in settings)
                {
                    cancel.ThrowIfCancellationRequested();
                    var id = $"{fold.Name}/classifier/seed{seed}/{armSettings.Key}";
                    var run = Unit(ledger, id, () => TrainClassifier(foldData, fold.Name, seed, armSettings, budget,
                        targets, realCounts, generations, foldDir, ledger, cancel));
                    runs.Add(run);
                }
            }

            if (needGan)
            {
                var judgeRun = scratchJudge
                    ? Unit(ledger, $"{fold.Name}/judge-from-scratch{(judgeSettings == ArmSettings.Baseline ? "" : "-" + judgeSettings.Key)}",
                        () => TrainClassifier(foldData, fold.Name, ScratchJudgeSeed, judgeSettings, scratchBudget, targets,
                            realCounts, generations, foldDir, ledger, cancel))
                    : runs.First(r => r.Fold == fold.Name && r.Seed == 0 && r.Settings == judgeSettings.Key);
                var judgeLabel = scratchJudge ? $"{judgeName} classifier from scratch, seed {ScratchJudgeSeed}" : $"{judgeName} classifier, seed 0";
                // The baseline's unit keeps the name it had before there was a choice of judge.
                var judgeSuffix = (judgeSettings == ArmSettings.Baseline ? "" : "/judge-" + judgeSettings.Key) + (scratchJudge ? "/from-scratch" : "");
                foreach (var gan in foldGans)
                    quality.Add(Unit(ledger, $"{fold.Name}/quality/{GenerationName(gan)}{judgeSuffix}",
                        () => MeasureQuality(foldData, gan, generationOf[gan].Directory, judgeRun, judgeLabel)));
            }
        }

        Report("writing the report", options.OutputDirectory);
        var results = ExperimentSummary.Summarise(options, command, budget, protocol, data, folds, seeds, arms, runs,
            gans, quality, clock.Elapsed.TotalSeconds);
        var figures = ExperimentFigures.Draw(options, data, folds, results, runs, generationOf, budget.TsneIterations, cancel);
        results = results with
        {
            Figures = figures,
            JudgeSharesGuideStart = scratchJudge,
        };
        ExperimentReport.Write(options.OutputDirectory, results);
        return results;
    }

    /// <param name="start">The --gan-init-from GAN to start from: its network sizes replace the budget's.</param>
    GanUnit TrainGan(FaceDataset foldData, string fold, int source, int target, ExperimentBudget budget, string foldDir,
        string? guide, (string Path, CycleGanCheckpointHeader Header)? start, CancellationToken cancel)
    {
        var name = $"{foldData.ClassNames[source]}2{foldData.ClassNames[target]}";
        var dir = Path.Combine(foldDir, "gan-" + name);
        var ganOptions = budget.Gan with { Seed = 0, Threads = options.Threads, Guide = guide is null ? null : [guide] };
        if (start is { } from)
        {
            var sizes = from.Header.Options;
            ganOptions = ganOptions with
            {
                Ngf = sizes.Ngf, Ndf = sizes.Ndf, Blocks = sizes.Blocks, DiscriminatorLayers = sizes.DiscriminatorLayers,
                ResidualGenerator = sizes.ResidualGenerator, InitFrom = from.Path,
            };
        }
        using var trainer = File.Exists(Path.Combine(dir, CycleGanCheckpoint.FileName))
            ? CycleGanTrainer.Resume(foldData, dir, options.Threads)
            : new CycleGanTrainer(foldData, foldData.ClassNames[source], foldData.ClassNames[target], ganOptions, dir);
        trainer.Train(p => Report($"{fold}: CycleGAN {name}", $"epoch {p.Epoch}/{p.TotalEpochs} iteration {p.Iteration}/{p.IterationsPerEpoch}"), cancel: cancel);
        return new GanUnit(fold, foldData.ClassNames[source], foldData.ClassNames[target], trainer.CheckpointPath,
            Path.Combine(dir, "samples", $"epoch_{trainer.CompletedEpochs:D3}.png"), Path.Combine(dir, "losses.png"), trainer.CompletedEpochs, trainer.CountA,
            trainer.CountB, trainer.History.Sum(e => e.Seconds), // the history spans resumes, a stopwatch would not
            Guide: guide, StartedFrom: start?.Path);
    }

    /// <summary>
    /// Whether GAN-test's judge (fine-tuned from --init-from) shares its starting classifier with a guide of the GANs:
    /// each fold's --gan-guide classifier starts from it too, and a --gan-from or --gan-init-from GAN may have been
    /// guided by it. A translation that fools one then tends to fool the other.
    /// </summary>
    bool JudgeSharesGuideStart(ExperimentBudget budget,
        IEnumerable<(string Path, CycleGanCheckpointHeader Header)>? pretrained,
        IEnumerable<(string Path, CycleGanCheckpointHeader Header)>? starting)
    {
        if (budget.Classifier.InitFrom is not { } start) return false;
        if (options.GanGuide) return true;
        var guides = (pretrained ?? []).Concat(starting ?? []).SelectMany(g => g.Header.Options.Guide ?? []);
        return guides.Any(guide =>
        {
            try { return Path.GetFullPath(TrainedClassifier.ResolvePath(guide)) == start; }
            catch (EmoAugException) { return false; } // a guide deleted since cannot be compared
        });
    }

    /// <summary>
    /// Which pretrained CycleGAN (--gan-from or --gan-init-from, named by <paramref name="option"/>) goes with each
    /// target: every GAN must translate the (one) source into a distinct target of the experiment at its image size,
    /// and every target needs one; otherwise a one-line error naming the GAN.
    /// </summary>
    static Dictionary<int, (string Path, CycleGanCheckpointHeader Header)> PretrainedGanPerTarget(IReadOnlyList<string> given,
        string option, FaceDataset data, IReadOnlyList<int> sources, IReadOnlyList<int> targets)
    {
        if (sources.Count > 1)
            throw new EmoAugException($"{option}: one CycleGAN translates one class, the command gives {sources.Count} sources; give one --source");
        string Pair(int target) => $"{data.ClassNames[sources[0]]} -> {data.ClassNames[target]}";
        var perTarget = new Dictionary<int, (string Path, CycleGanCheckpointHeader Header)>();
        foreach (var gan in given)
        {
            var path = CycleGanCheckpoint.Resolve(gan, option);
            var header = CycleGanCheckpoint.ReadHeader(path);
            if (header.Size != data.Height)
                throw new EmoAugException($"{option} {gan}: trained on {header.Size}x{header.Size} faces, the data are loaded at {data.Height}x{data.Width} (--size {header.Size})");
            int? from = TrainingSplit.FindClass(data, header.FromClass), to = TrainingSplit.FindClass(data, header.ToClass);
            if (from != sources[0] || to is not { } target || !targets.Contains(target))
                throw new EmoAugException($"{option} {gan}: translates {header.FromClass} -> {header.ToClass}, the experiment needs " +
                    $"{string.Join(" or ", targets.Select(Pair))} (see --source and --targets)");
            if (!perTarget.TryAdd(target, (path, header)))
                throw new EmoAugException($"{option} {gan}: a second CycleGAN for {Pair(target)} (the first is {perTarget[target].Path})");
        }
        if (targets.FirstOrDefault(t => !perTarget.ContainsKey(t), -1) is var missing and >= 0)
            throw new EmoAugException($"{option}: none of the {given.Count} CycleGAN(s) given translates {Pair(missing)}; give one per target (see --targets)");
        return perTarget;
    }

    /// <summary>The --gan-from CycleGAN that translates the source class into this target (checked by <see cref="PretrainedGanPerTarget"/>).</summary>
    static GanUnit PretrainedGan((string Path, CycleGanCheckpointHeader Header) gan, FaceDataset foldData, string fold, int source, int target)
    {
        var (path, header) = gan;
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        return new GanUnit(fold, foldData.ClassNames[source], foldData.ClassNames[target], path,
            Path.Combine(dir, "samples", $"epoch_{header.CompletedEpochs:D3}.png"), Path.Combine(dir, "losses.png"),
            header.CompletedEpochs, 0, 0, 0, Pretrained: true);
    }

    /// <summary>A generation's name in unit ids and folders: the target class, or with several sources "source2target"
    /// (one source keeps the target alone, as experiments made before several sources were possible recorded it).</summary>
    string GenerationName(GanUnit gan) => options.SourceNames.Count == 1 ? gan.Target : $"{gan.Source}2{gan.Target}";

    GenerationUnit Generate(FaceDataset foldData, GanUnit gan, int count, string foldDir)
    {
        var watch = Stopwatch.StartNew();
        var dir = Path.Combine(foldDir, "generated-" + GenerationName(gan));
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true); // an interrupted generation starts over
        Report($"{gan.Fold}: generating {count} {gan.Target} faces", "");
        using var faces = FaceGeneration.Generate(gan.Checkpoint, foldData,
            new GenerationOptions(Count: Math.Max(1, count), Seed: 0, Threads: options.Threads), dir);
        return new GenerationUnit(gan.Fold, gan.Target, dir, faces.Files.Count, watch.Elapsed.TotalSeconds);
    }

    ClassifierUnit TrainClassifier(FaceDataset foldData, string fold, int seed, ArmSettings arm, ExperimentBudget budget,
        IReadOnlyList<int> targets, int[] realCounts, Dictionary<int, List<GenerationUnit>> generations,
        string foldDir, UnitLedger ledger, CancellationToken cancel)
    {
        var dir = Path.Combine(foldDir, $"classifier-seed{seed}-{arm.Key}");
        var added = new Dictionary<string, int>();
        FaceDataset trainData = foldData;
        var extras = new List<FaceDataset>();
        try
        {
            if (arm.UsesGan)
            {
                foreach (var target in targets)
                {
                    int wanted = (int)Math.Round(arm.GeneratedShare * realCounts[target]);
                    var perSource = generations[target];
                    for (int i = 0; i < perSource.Count; i++)
                    {
                        // Equal shares from each source; the first sources take the remainder.
                        int share = wanted / perSource.Count + (i < wanted % perSource.Count ? 1 : 0);
                        if (share == 0) continue;
                        var generated = LoadGenerated(perSource[i].Directory, foldData.Height);
                        extras.Add(generated);
                        var chosen = arm.FilterGenerated
                            ? MostConfident(generated, target, share, ledger, fold, seed)
                            : Enumerable.Range(0, Math.Min(share, generated.Count)).ToList();
                        var subset = generated.Subset(chosen);
                        extras.Add(subset);
                        var next = DatasetComposition.AppendToTraining(trainData, subset);
                        if (!ReferenceEquals(trainData, foldData)) trainData.Dispose();
                        trainData = next;
                        added[foldData.ClassNames[target]] = added.GetValueOrDefault(foldData.ClassNames[target]) + chosen.Count;
                    }
                }
            }
            var classifierOptions = budget.Classifier with
            {
                Seed = seed, Threads = options.Threads, Augment = arm.Augment, Oversample = arm.Oversample,
                ClassWeights = arm.ClassWeights,
                // The budget's augmentation strengths (--augment-strength) belong to the arms that augment.
                Augmentation = arm.Augment ? budget.Classifier.Augmentation : null,
            };
            var trainer = new ClassifierTrainer(classifierOptions, p =>
                Report($"{fold}: classifier seed {seed} {arm.Key}", $"epoch {p.Epoch}/{p.Epochs} batch {p.Batch}/{p.Batches}"));
            var result = trainer.Train(trainData, dir, options.Data, resume: Directory.Exists(dir), cancel: cancel);
            using var classifier = TrainedClassifier.Load(result.BestCheckpoint);
            using var test = foldData.WhereSplit("test");
            var predicted = classifier.Predict(test.Images);
            return new ClassifierUnit(fold, seed, arm.Key, dir, trainData.Samples.Count(s => s.Split == "train"), added,
                result.Final.BestEpoch, test.LabelArray(), predicted, result.Final.History.Sum(m => m.Seconds));
        }
        finally
        {
            if (!ReferenceEquals(trainData, foldData)) trainData.Dispose();
            foreach (var extra in extras) extra.Dispose();
        }
    }

    /// <summary>The generated faces that the same seed's baseline classifier finds most like the target class.</summary>
    static List<int> MostConfident(FaceDataset generated, int target, int wanted, UnitLedger ledger, string fold, int seed)
    {
        var baselineId = $"{fold}/classifier/seed{seed}/{ArmSettings.Baseline.Key}";
        var baseline = ledger.Get<ClassifierUnit>(baselineId);
        using var classifier = TrainedClassifier.Load(baseline.RunDirectory);
        using var probabilities = classifier.Probabilities(generated.Images);
        return FaceGeneration.MostLikeTarget(probabilities.select(1, target).data<float>().ToArray(), wanted).ToList();
    }

    QualityUnit MeasureQuality(FaceDataset foldData, GanUnit gan, string generatedDir, ClassifierUnit judge, string judgedBy)
    {
        int target = foldData.ClassNames.ToList().IndexOf(gan.Target);
        using var generated = LoadGenerated(generatedDir, foldData.Height);
        using var classifier = TrainedClassifier.Load(judge.RunDirectory);
        using var train = foldData.WhereSplit("train");
        var labels = train.LabelArray();
        using var realTarget = train.Subset(Enumerable.Range(0, train.Count).Where(i => labels[i] == target).ToList());
        // Identity L1 compares each face with the source face it was translated from, named in the manifest.
        using var sourceImages = SourcesOf(generatedDir, foldData, generated) ?? throw new EmoAugException(
            $"{Path.Combine(generatedDir, FaceGeneration.ManifestName)}: missing or does not name the source of every generated face; delete {generatedDir} to generate again");
        // 50 KID subsets, as every experiment so far recorded (gan-quality draws 100).
        var report = GanQuality.Compute(generated.Images, sourceImages, realTarget.Images, target, foldData.ClassNames,
            x => classifier.Features(x), x => classifier.Probabilities(x), kidSubsets: 50,
            kidSubsetSize: Math.Min(1000, Math.Min(realTarget.Count, generated.Count)));
        return new QualityUnit(gan.Fold, gan.Source, gan.Target, generated.Count,
            realTarget.Count, report.GanTest, report.Kid.Mean, report.Kid.StandardError, report.IdentityL1,
            judgedBy, report.SourceAsTarget, report.RealAsTarget, report.GeneratedLabels);
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

    static FaceDataset LoadGenerated(string directory, int size) =>
        DatasetLoader.Load(directory, new LoadOptions(Size: size, Format: "folders", UseCache: false));

    /// <summary>
    /// The --source classes; by default neutral, or, in data without neutral faces (CK+, Oulu-CASIA and other sets
    /// of six posed expressions), the class with the most images: the paper translates a common class into rare ones.
    /// </summary>
    List<int> ResolveSources(FaceDataset data)
    {
        if (options.Sources is not { Count: > 0 })
        {
            var counts = data.ClassCounts();
            if (counts[EmotionVocabulary.Neutral] > 0) return [EmotionVocabulary.Neutral];
            int common = Array.IndexOf(counts, counts.Max());
            Report($"the data have no neutral faces: translating from {data.ClassNames[common]}, the most common class", "");
            return [common];
        }
        var sources = options.SourceNames.Select(s => ClassIndex(data, s, "--source")).ToList();
        if (sources.Distinct().Count() < sources.Count)
            throw new EmoAugException($"--source {string.Join(' ', options.SourceNames)}: a class is given twice");
        return sources;
    }

    /// <summary>
    /// The --targets classes; by default disgust, or, in data without disgust faces (or translating from disgust),
    /// the rarest class with any images that is not a source.
    /// </summary>
    List<int> ResolveTargets(FaceDataset data, IReadOnlyList<int> sources)
    {
        var counts = data.ClassCounts();
        if (options.Targets is not { Count: > 0 })
        {
            if (counts[EmotionVocabulary.Disgust] > 0 && !sources.Contains(EmotionVocabulary.Disgust)) return [EmotionVocabulary.Disgust];
            var candidates = Enumerable.Range(0, counts.Length).Where(c => counts[c] > 0 && !sources.Contains(c)).ToList();
            if (candidates.Count == 0) throw new EmoAugException($"{options.Data}: the data have faces of one class only; nothing to translate into");
            int rare = candidates.MinBy(c => counts[c]);
            Report($"disgust is absent or a source: generating {data.ClassNames[rare]}, the rarest class", "");
            return [rare];
        }
        if (options.TargetNames.Count == 1 && options.TargetNames[0].Equals("all", StringComparison.OrdinalIgnoreCase))
            return Enumerable.Range(0, data.ClassNames.Count).Where(c => !sources.Contains(c) && counts[c] > 0).ToList();
        var targets = options.TargetNames.Select(t => ClassIndex(data, t, "--targets")).Distinct().ToList();
        if (targets.FirstOrDefault(sources.Contains, -1) is var both and >= 0)
            throw new EmoAugException($"--targets: '{data.ClassNames[both]}' is a source class; choose other classes");
        return targets;
    }

    /// <summary>The class's index (names and synonyms as everywhere else); a class with no images is an error here.</summary>
    static int ClassIndex(FaceDataset data, string name, string option)
    {
        int index = TrainingSplit.ClassIndex(data, name, option);
        if (data.ClassCounts()[index] == 0) throw new EmoAugException($"{option} {name}: the data have no images of this class");
        return index;
    }

    static int[] TrainCounts(FaceDataset foldData)
    {
        var counts = new int[foldData.ClassNames.Count];
        var labels = foldData.LabelArray();
        for (int i = 0; i < labels.Length; i++)
            if (foldData.Samples[i].Split == "train") counts[labels[i]]++;
        return counts;
    }

    static string Safe(string name) => string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_'));

    void Report(string unit, string detail) => progress?.Invoke(new ExperimentProgress(unit, unitsDone, unitsTotal, detail));

    /// <summary>A finished unit's record, or runs it and records it; either way one more unit is done.</summary>
    T Unit<T>(UnitLedger ledger, string id, Func<T> work)
    {
        var result = ledger.GetOrRun(id, work);
        unitsDone++;
        return result;
    }
}
