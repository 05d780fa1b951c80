using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using EmoAug.Data;
using EmoAug.Evaluation;
using EmoAug.Generators;
using EmoAug.Runtime;
using EmoAug.Training;
using static TorchSharp.torch;

namespace EmoAug.Cli.Commands;

/// <summary>
/// `emoaug gan-quality`: how good a generator's faces are, judged by classifiers trained on real faces: per target
/// class and judge, GAN-test (share labelled as the target) between its floor (the untranslated sources so labelled)
/// and ceiling (the real target faces so labelled), KID on the judge's penultimate features against real target-class
/// training faces (with its standard error), and identity preservation (mean L1 between input and translation).
/// A CycleGAN has one target; a StarGAN is judged on each class it is asked for (`--to all`: every class).
/// </summary>
public static class GanQualityCommand
{
    public static Command Create()
    {
        var gan = new Option<string>("--gan") { Description = "CycleGAN or StarGAN checkpoint, or its run folder", Required = true };
        var classifier = new Option<string[]>("--classifier") { Description = "Classifiers (checkpoints or run folders) trained on real faces only; give several (--classifier A B) for several judges. Independent judges are ones no generator saw, as guide or as a guide's start", Required = true, AllowMultipleArgumentsPerToken = true };
        var data = new Option<string>("--data") { Description = "Dataset whose training split gives the source and real target faces", Required = true };
        var from = new Option<string?>("--from") { Description = "StarGAN: the class whose faces are translated, or 'any' [default: neutral; any for the neutral target]" };
        var to = new Option<string[]>("--to") { Description = "StarGAN: the classes to make, or 'all' [default: all]", AllowMultipleArgumentsPerToken = true };
        var direction = new Option<string>("--direction") { Description = "CycleGAN: a2b (the run's --from to --to) or b2a", DefaultValueFactory = _ => "a2b" };
        var count = new Option<int>("--count") { Description = "Faces to translate per target (0 = every source-class training face)", DefaultValueFactory = _ => 0 };
        var json = new Option<bool>("--json") { Description = "Print the measures as JSON" };
        var output = new Option<string?>("--out") { Description = "Where to write the JSON (default: quality.json beside the generator's checkpoint)" };
        var threads = new Option<int>("--threads") { Description = "CPU threads (0 = LibTorch's default)", DefaultValueFactory = _ => 0 };
        var ganTrain = new Option<bool>("--gan-train") { Description = "StarGAN: also GAN-train: paper-cnn (its best recipe) trained on generated faces of every class alone, scored on the real test split, beside the same trained on as many real faces (Shmelkov et al. 2018)" };
        var ganTrainCount = new Option<int>("--gan-train-count") { Description = "With --gan-train: generated (and real) faces per class", DefaultValueFactory = _ => 500 };
        var ganTrainEpochs = new Option<int>("--gan-train-epochs") { Description = "With --gan-train: the two classifiers' epochs", DefaultValueFactory = _ => 10 };
        var command = new Command("gan-quality", "Measure a generator's faces: GAN-test with floor and ceiling, KID and identity L1, judged by classifiers.");
        foreach (var option in new Option[] { gan, classifier, data, from, to, direction, count, json, output, threads, ganTrain, ganTrainCount, ganTrainEpochs }) command.Options.Add(option);
        command.SetAction(CommandRunner.Guard(parse =>
        {
            TorchRuntime.Ensure(parse.GetValue(threads));
            var ganPath = FaceTranslator.Resolve(parse.GetValue(gan)!);
            var judges = new List<TrainedClassifier>();
            try
            {
                foreach (var path in parse.GetValue(classifier)!) judges.Add(TrainedClassifier.Load(path));
                var targets = Targets(ganPath, parse.GetValue(to));
                var rows = new List<(string Judge, string Source, GanQualityReport Report)>();
                bool measureGanTrain = parse.GetValue(ganTrain);
                if (measureGanTrain && GeneratorFamilies.Of(ganPath) != GeneratorFamily.StarGan)
                    throw new EmoAugException($"--gan-train: needs a generator of every class (a StarGAN); {ganPath} is a CycleGAN");
                if (!measureGanTrain && (parse.GetResult(ganTrainCount) is { Implicit: false } || parse.GetResult(ganTrainEpochs) is { Implicit: false }))
                    throw new EmoAugException("--gan-train-count, --gan-train-epochs: options of --gan-train");
                GanTrainReport? ganTrainReport = null;
                FaceDataset? dataset = null;
                try
                {
                    foreach (var target in targets)
                    {
                        using var translator = FaceTranslator.Open(ganPath, parse.GetValue(direction)!, parse.GetValue(from), target);
                        var indices = judges.Select(j => j.JudgeClassIndex(translator.TargetClass, translator.Size, "--classifier")).ToList();
                        dataset ??= DatasetLoader.Load(parse.GetValue(data)!, new LoadOptions(Size: translator.Size));
                        rows.AddRange(Judge(translator, dataset, judges, indices, parse.GetValue(count)));
                    }
                    if (measureGanTrain && dataset is not null)
                        ganTrainReport = MeasureGanTrain(ganPath, dataset, parse.GetValue(ganTrainCount), parse.GetValue(ganTrainEpochs), parse.GetValue(threads));
                }
                finally
                {
                    dataset?.Dispose();
                }
                var document = new JsonObject
                {
                    ["generator"] = Path.GetFullPath(ganPath),
                    ["family"] = ClosedSet.Name(GeneratorFamilies.Of(ganPath)),
                    ["reports"] = new JsonArray(rows.Select(r =>
                    {
                        var node = JsonNode.Parse(JsonSerializer.Serialize(r.Report, Snake))!.AsObject();
                        node.Insert(0, "judge", r.Judge);
                        node.Insert(1, "source_class", r.Source);
                        return (JsonNode)node;
                    }).ToArray()),
                };
                if (ganTrainReport is not null) document["gan_train"] = JsonNode.Parse(JsonSerializer.Serialize(ganTrainReport, Snake));
                var text = document.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
                var outPath = parse.GetValue(output) ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(ganPath))!, "quality.json");
                AtomicFile.WriteAllText(outPath, text);
                if (parse.GetValue(json)) Console.WriteLine(text);
                else Print(rows, ganTrainReport, outPath);
                return 0;
            }
            finally
            {
                foreach (var judge in judges) judge.Dispose();
            }
        }));
        return command;
    }

    static readonly JsonSerializerOptions Snake = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, DictionaryKeyPolicy = null };

    /// <summary>The targets to judge: a CycleGAN's own (null), or the StarGAN's classes named by --to (all by default).</summary>
    static IReadOnlyList<string?> Targets(string ganPath, string[]? given)
    {
        if (GeneratorFamilies.Of(ganPath) == GeneratorFamily.CycleGan)
        {
            if (given is { Length: > 0 }) throw new EmoAugException($"--to: {ganPath} is a CycleGAN, whose target is its own (--direction chooses the way)");
            return [null];
        }
        var classes = Generators.StarGan.StarGanCheckpoint.ReadHeader(ganPath).ClassNames;
        return given is null or { Length: 0 } || given.Any(t => t.Equals("all", StringComparison.OrdinalIgnoreCase)) ? classes.ToList() : given.ToList();
    }

    static IEnumerable<(string, string, GanQualityReport)> Judge(FaceTranslator translator, FaceDataset dataset,
        IReadOnlyList<TrainedClassifier> judges, IReadOnlyList<int> indices, int count)
    {
        // Translations are written to a scratch folder (FaceGeneration's one output form) and kept in memory.
        var scratch = Path.Combine(Path.GetTempPath(), "emoaug-quality-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var faces = FaceGeneration.Generate(translator, dataset, new GenerationOptions(Count: count), scratch);
            int target = TrainingSplit.ClassIndex(dataset.ClassNames, translator.TargetClass, "--data");
            var labels = dataset.LabelArray();
            using var index = tensor(TrainingSplit.Indices(dataset).Where(i => labels[i] == target).Select(i => (long)i).ToArray());
            using var realTarget = dataset.Images.index_select(0, index);
            var reports = new List<(string, string, GanQualityReport)>();
            for (int j = 0; j < judges.Count; j++)
            {
                var judge = judges[j];
                reports.Add((judge.Path, faces.SourceClass, GanQuality.Compute(faces.Generated, faces.Sources, realTarget, indices[j], judge.ClassNames,
                    x => judge.Features(x), x => judge.Probabilities(x),
                    kidSubsetSize: Math.Min(1000, (int)Math.Min(realTarget.shape[0], faces.Generated.shape[0])))));
            }
            return reports;
        }
        finally
        {
            if (Directory.Exists(scratch)) Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>GAN-train with paper-cnn's best recipe (docs/results.md) for the given epochs, in a scratch folder.</summary>
    static GanTrainReport MeasureGanTrain(string ganPath, FaceDataset dataset, int perClass, int epochs, int threads)
    {
        var recipe = ClassifierRecipe.BestPaperCnn;
        var options = new ClassifierOptions(Model: recipe.Model, Epochs: epochs, Augment: recipe.Augment,
            Augmentation: new ClassicAugmentation().Scaled(recipe.AugmentStrength), ModelOptions: new Models.ModelOptions(recipe.Dropout, recipe.ExtraConv),
            Threads: threads, Patience: 0);
        options.Validate();
        var scratch = Path.Combine(Path.GetTempPath(), "emoaug-gan-train-" + Guid.NewGuid().ToString("N"));
        try
        {
            return GanTrain.Measure(ganPath, dataset, perClass, options, scratch);
        }
        finally
        {
            if (Directory.Exists(scratch)) Directory.Delete(scratch, recursive: true);
        }
    }

    static void Print(IReadOnlyList<(string Judge, string Source, GanQualityReport Report)> rows, GanTrainReport? ganTrain, string outPath)
    {
        Console.WriteLine("| source -> target | judge | GAN-test % | floor % | ceiling % | labelled most | KID ± s.e. | identity L1 |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var (judge, source, r) in rows)
        {
            var most = string.Join(", ", r.GeneratedLabels.OrderByDescending(l => l.Value).Take(2).Select(l => $"{l.Key} {100 * l.Value:0}%"));
            Console.WriteLine($"| {source} -> {r.TargetClass} ({r.Generated} faces) | {judge} | {100 * r.GanTest:0.0} | {100 * r.SourceAsTarget:0.0} | " +
                              $"{100 * r.RealAsTarget:0.0} | {most} | {r.Kid.Mean:0.0000} ± {r.Kid.StandardError:0.0000} | {r.IdentityL1:0.000} |");
        }
        foreach (var group in rows.GroupBy(r => r.Judge).Where(_ => rows.Select(r => r.Report.TargetClass).Distinct().Count() > 1))
            Console.WriteLine($"{group.Key}: mean GAN-test over {group.Count()} targets {100 * group.Average(r => r.Report.GanTest):0.0}%");
        if (ganTrain is not null)
            Console.WriteLine($"GAN-train ({ganTrain.FacesPerClass} faces per class, scored on {ganTrain.ScoredCount} real {ganTrain.ScoredOn} faces): " +
                $"accuracy {100 * ganTrain.GanTrain.Accuracy:0.0}%, balanced {100 * ganTrain.GanTrain.BalancedAccuracy:0.0}%; the same trained on " +
                $"real faces: {100 * ganTrain.RealTrain.Accuracy:0.0}%, balanced {100 * ganTrain.RealTrain.BalancedAccuracy:0.0}%");
        Console.WriteLine($"written: {outPath}");
    }
}
