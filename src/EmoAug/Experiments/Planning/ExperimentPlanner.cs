using EmoAug.Generators;
using EmoAug.Data;
using EmoAug.Generators.CycleGan;
using EmoAug.Training;

namespace EmoAug.Experiments.Planning;

/// <summary>
/// Turns an experiment's options and its dataset's summary into a plan: every unit (guide, GAN, generation,
/// classifier run, judge, quality) with its fully resolved options, its id and what it depends on, checked whole
/// before anything trains. For every fold: the GANs it needs, trained on that fold's training faces only (no test
/// face ever reaches a generator), their generations, a classifier for every arm and seed, then GAN quality. Planning
/// trains nothing and writes nothing; it reads only the headers of the files the options name.
/// </summary>
public static class ExperimentPlanner
{
    /// <summary>The seed of the --gan-guide classifiers: one no arm trains with, so a guide never judges its own GAN.</summary>
    public const int GuideSeed = 1000;

    /// <summary>The seed of the GAN-test judge trained from random weights when the arms' starting classifier is also
    /// a guide's (<see cref="GeneratorSource.SharesGuideStartWith"/>).</summary>
    public const int ScratchJudgeSeed = 2000;

    /// <summary>The checks that need no data, so that a bad command fails before a large dataset loads.</summary>
    public static (ExperimentBudget Budget, int Seeds, List<(string Name, ArmSettings Settings)> Arms) CheckOptions(
        ExperimentOptions options, ExperimentBudget namedBudget)
    {
        var budget = options.ApplyOverrides(namedBudget);
        int seeds = options.Seeds ?? budget.Seeds;
        if (seeds < 1) throw new EmoAugException($"--seeds {seeds}: must be at least 1");
        if (options.GanAmount <= 0) throw new EmoAugException($"--gan-amount {options.GanAmount}: must be positive");
        if (options.Sweep.Any(s => s < 0)) throw new EmoAugException("--sweep: amounts must not be negative");
        return (budget, seeds, ExperimentArms.Resolve(options));
    }

    public static ExperimentPlan Plan(ExperimentOptions options, ExperimentBudget namedBudget, DatasetSummary data)
    {
        var (budget, seeds, arms) = CheckOptions(options, namedBudget);
        var notes = new List<string>();
        var sources = ResolveSources(options, data, notes);
        var targets = ResolveTargets(options, data, sources, notes);
        // From here on the options name the classes actually used, so that settings.json, results.json and the report
        // say them even where the defaults (neutral, disgust) were replaced because the data lack them.
        options = options with
        {
            Sources = options.Sources is { Count: > 0 } givenSources ? givenSources : sources.Select(c => data.ClassNames[c]).ToList(),
            Targets = options.Targets is { Count: > 0 } givenTargets ? givenTargets : targets.Select(c => data.ClassNames[c]).ToList(),
        };
        var (protocol, allFolds) = ExperimentProtocol.Folds(data, options.Protocol, options.Folds, seed: 0);
        var folds = options.MaxFolds > 0 ? allFolds.Take(options.MaxFolds).ToList() : allFolds;
        var generators = GeneratorSource.Of(options, data, sources, targets);

        var settings = arms.Select(a => a.Settings).Distinct().ToList();
        bool needGan = settings.Any(s => s.UsesGan);
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
        bool scratchJudge = needGan && generators.SharesGuideStartWith(budget.Classifier.InitFrom);
        var scratchBudget = budget with
        {
            Classifier = budget.Classifier with { InitFrom = null, LearningRate = namedBudget.Classifier.LearningRate },
        };
        settings = settings.OrderBy(s => s.FilterGenerated).ThenBy(s => s.UsesGan).ToList();
        double maxShare = settings.Where(s => s.UsesGan).Select(s => s.FilterGenerated ? 2 * s.GeneratedShare : s.GeneratedShare)
            .DefaultIfEmpty(0).Max();

        var units = new List<PlannedUnit>();
        foreach (var fold in folds)
        {
            var foldDir = UnitIds.FoldDirectory(options.OutputDirectory, fold.Name);
            var realCounts = data.ClassCounts(fold.Train);
            ClassifierRunPlan Classifier(ClassifierRole role, int seed, ArmSettings arm, ExperimentBudget from,
                IReadOnlyList<GeneratedInput> generated)
            {
                var id = role switch
                {
                    ClassifierRole.Guide => UnitIds.Guide(fold.Name),
                    ClassifierRole.Judge => UnitIds.ScratchJudge(fold.Name, arm),
                    _ => UnitIds.Classifier(fold.Name, seed, arm),
                };
                var filterBy = arm.FilterGenerated ? UnitIds.Classifier(fold.Name, seed, ArmSettings.Baseline) : null;
                var dependsOn = generated.SelectMany(g => g.Generations).Concat(filterBy is null ? [] : [filterBy]).ToList();
                var classifierOptions = from.Classifier with
                {
                    Seed = seed, Threads = options.Threads, Augment = arm.Augment, Oversample = arm.Oversample,
                    ClassWeights = arm.ClassWeights,
                    // The budget's augmentation strengths (--augment-strength) belong to the arms that augment.
                    Augmentation = arm.Augment ? from.Classifier.Augmentation : null,
                };
                return new ClassifierRunPlan(id, fold.Name, dependsOn, role, seed, arm, classifierOptions,
                    UnitIds.ClassifierDirectory(foldDir, seed, arm), generated, filterBy);
            }

            // Target class -> its generations' ids, one per source class in the order given.
            var generations = new Dictionary<int, List<string>>();
            var foldGans = new List<(string Gan, string Generation, string Name, string Source, string Target)>();
            if (needGan)
            {
                // The guide sees the fold's real training faces only, like every unit of the fold, oversampled: a guide
                // that never names the rare target gives the generator nothing to aim at (on the demo's faces a
                // baseline guide's translations were called disgust 3.6% of the time, an oversampled one's 66.4%).
                var guide = generators.IsGuided ? Classifier(ClassifierRole.Guide, GuideSeed, ArmSettings.RealOversampled, budget, []) : null;
                if (guide != null) units.Add(guide);
                // One StarGAN per fold translates every source into every target: trained on the fold's faces, or given.
                PlannedUnit? starGan = options.Family != GeneratorFamily.StarGan ? null
                    : generators is GeneratorSource.GivenStarGan givenStar
                        ? new PretrainedGanPlan(UnitIds.StarGan(fold.Name), fold.Name, [], "all", "all", givenStar.Checkpoint,
                            givenStar.Header.CompletedIterations, GeneratorFamily.StarGan)
                        : new StarGanTrainingPlan(UnitIds.StarGan(fold.Name), fold.Name, [],
                            budget.StarGanOrDefault with { Seed = 0, Threads = options.Threads }, UnitIds.StarGanDirectory(foldDir));
                if (starGan != null)
                {
                    units.Add(starGan);
                    // A StarGAN makes faces of every class, so GAN-train can ask whether they teach a classifier what real ones do.
                    units.Add(new GanTrainPlan(UnitIds.GanTrain(fold.Name), fold.Name, [starGan.Id], starGan.Id, budget.GanTrainFacesPerClass,
                        Classifier(ClassifierRole.Arm, 0, ArmSettings.Baseline, budget, []).Options, UnitIds.GanTrainDirectory(foldDir)));
                }
                foreach (var target in targets)
                {
                    generations[target] = [];
                    foreach (var source in sources)
                    {
                        string sourceName = data.ClassNames[source], targetName = data.ClassNames[target];
                        var ganId = starGan?.Id ?? UnitIds.Gan(fold.Name, sourceName, targetName);
                        if (starGan == null)
                            units.Add(generators is GeneratorSource.Given given
                                ? new PretrainedGanPlan(ganId, fold.Name, [], sourceName, targetName, given.PerTarget[target].Checkpoint,
                                    given.PerTarget[target].Header.CompletedEpochs)
                                : new GanTrainingPlan(ganId, fold.Name, guide is null ? [] : [guide.Id], sourceName, targetName,
                                    GanOptions(budget, options.Threads, guide?.Directory, (generators as GeneratorSource.StartFrom)?.PerTarget[target]),
                                    UnitIds.GanDirectory(foldDir, sourceName, targetName)));
                        var name = UnitIds.GenerationName(sources.Count, sourceName, targetName);
                        var generationId = UnitIds.Generation(fold.Name, name);
                        // Each source gives an equal share of the target's faces.
                        int count = (int)Math.Ceiling(maxShare * realCounts[target] / sources.Count);
                        units.Add(new GenerationPlan(generationId, fold.Name, [ganId], ganId, sourceName, targetName, count,
                            UnitIds.GenerationDirectory(foldDir, name)));
                        generations[target].Add(generationId);
                        foldGans.Add((ganId, generationId, name, sourceName, targetName));
                    }
                }
            }

            for (int seed = 0; seed < seeds; seed++)
                foreach (var arm in settings)
                {
                    var generated = arm.UsesGan
                        ? targets.Select(t => new GeneratedInput(t, (int)Math.Round(arm.GeneratedShare * realCounts[t]), generations[t])).ToList()
                        : [];
                    var run = Classifier(ClassifierRole.Arm, seed, arm, budget, generated);
                    // Arms with generated faces draw as many images per epoch as the real-only runs train on.
                    if (arm.UsesGan && options.EqualSteps)
                        run = run with { Options = run.Options with { EpochImages = RealTrainingImages(data, fold, run.Options) } };
                    units.Add(run);
                }

            if (needGan)
            {
                var judge = scratchJudge
                    ? Classifier(ClassifierRole.Judge, ScratchJudgeSeed, judgeSettings, scratchBudget, [])
                    : null;
                if (judge != null) units.Add(judge);
                var judgeId = judge?.Id ?? UnitIds.Classifier(fold.Name, 0, judgeSettings);
                var judgeLabel = scratchJudge ? $"{judgeName} classifier from scratch, seed {ScratchJudgeSeed}" : $"{judgeName} classifier, seed 0";
                foreach (var (gan, generation, name, source, target) in foldGans)
                    units.Add(new QualityPlan(UnitIds.Quality(fold.Name, name, judgeSettings, scratchJudge), fold.Name,
                        [gan, generation, judgeId], gan, generation, source, target, judgeId, judgeLabel));
            }
        }

        var plan = new ExperimentPlan(ExperimentPlan.CurrentVersion, options, budget, protocol, folds, seeds,
            arms.Select(a => new PlannedArm(a.Name, a.Settings)).ToList(), scratchJudge, notes, units);
        plan.Check();
        return plan;
    }

    /// <summary>The images a classifier trained on the fold's real faces alone trains on: its training faces, less the
    /// stratified holdout it selects on when the fold has no validation faces (<see cref="TrainValidationSplit"/>).</summary>
    static int RealTrainingImages(DatasetSummary data, ExperimentFold fold, ClassifierOptions classifier) =>
        fold.Validation.Length > 0 ? fold.Train.Length
            : Splits.Stratified(fold.Train.Select(i => data.Labels[i]).ToList(), classifier.ValidationFraction, classifier.Seed).Keep.Length;

    /// <summary>A fold GAN's options: the budget's, its guide's folder, and with a starting GAN that GAN's network sizes.</summary>
    static CycleGanOptions GanOptions(ExperimentBudget budget, int threads, string? guide, GivenGan? start)
    {
        var ganOptions = budget.Gan with { Seed = 0, Threads = threads, Guide = guide is null ? null : [guide] };
        if (start is null) return ganOptions;
        var sizes = start.Header.Options;
        return ganOptions with
        {
            Ngf = sizes.Ngf, Ndf = sizes.Ndf, Blocks = sizes.Blocks, DiscriminatorLayers = sizes.DiscriminatorLayers,
            ResidualGenerator = sizes.ResidualGenerator, InitFrom = start.Checkpoint,
        };
    }

    /// <summary>
    /// The --source classes; by default neutral, or, in data without neutral faces (CK+, Oulu-CASIA and other sets
    /// of six posed expressions), the class with the most images: the paper translates a common class into rare ones.
    /// </summary>
    static List<int> ResolveSources(ExperimentOptions options, DatasetSummary data, List<string> notes)
    {
        if (options.Sources is not { Count: > 0 })
        {
            var counts = data.ClassCounts();
            if (counts[EmotionVocabulary.Neutral] > 0) return [EmotionVocabulary.Neutral];
            int common = Array.IndexOf(counts, counts.Max());
            notes.Add($"the data have no neutral faces: translating from {data.ClassNames[common]}, the most common class");
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
    static List<int> ResolveTargets(ExperimentOptions options, DatasetSummary data, IReadOnlyList<int> sources, List<string> notes)
    {
        var counts = data.ClassCounts();
        if (options.Targets is not { Count: > 0 })
        {
            if (counts[EmotionVocabulary.Disgust] > 0 && !sources.Contains(EmotionVocabulary.Disgust)) return [EmotionVocabulary.Disgust];
            var candidates = Enumerable.Range(0, counts.Length).Where(c => counts[c] > 0 && !sources.Contains(c)).ToList();
            if (candidates.Count == 0) throw new EmoAugException($"{options.Data}: the data have faces of one class only; nothing to translate into");
            int rare = candidates.MinBy(c => counts[c]);
            notes.Add($"disgust is absent or a source: generating {data.ClassNames[rare]}, the rarest class");
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
    static int ClassIndex(DatasetSummary data, string name, string option)
    {
        int index = TrainingSplit.ClassIndex(data.ClassNames, name, option);
        if (data.ClassCounts()[index] == 0) throw new EmoAugException($"{option} {name}: the data have no images of this class");
        return index;
    }
}
