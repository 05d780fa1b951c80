using System.CommandLine;
using System.Text.Json;
using EmoAug.Data;
using EmoAug.Evaluation;
using EmoAug.Reporting;
using EmoAug.Runtime;
using EmoAug.Training;
using Spectre.Console;

namespace EmoAug.Cli.Commands;

/// <summary>`emoaug evaluate --model M --data D [--split S] [--json] [--out DIR]`: scores a classifier on a split.</summary>
public static class EvaluateCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Checkpoint file or training run folder", Required = true };
        var data = new Option<string>("--data") { Description = "Dataset path, or \"synthetic\"", Required = true };
        var split = new Option<string?>("--split") { Description = "Split to score [default: the test split, else the validation split, else all images]" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of tables" };
        var outDir = new Option<string?>("--out") { Description = "Folder for evaluation-<split>.json and confusion-<split>.png [default: next to the model]" };
        var threads = new Option<int>("--threads") { Description = "CPU threads (0 = torch's default)" };
        var device = new Option<string>("--device") { Description = "cpu or cuda", DefaultValueFactory = _ => "cpu" };
        var mirror = new Option<bool>("--mirror") { Description = "Score each face with its mirror image too and average the probabilities (test-time augmentation); results go to evaluation-<split>-mirror.json" };
        var alignFaces = new Option<bool>("--align-faces") { Description = "Detect each image's face and crop it as FER2013 frames faces before scoring (for sets showing whole heads)" };
        var command = new Command("evaluate", "Score a trained classifier: accuracy, balanced accuracy, macro-F1, per-class scores, confusion matrix.");
        foreach (var option in new Option[] { model, data, split, json, outDir, threads, device, mirror, alignFaces }) command.Options.Add(option);
        command.SetAction(CommandRunner.Guard(parse =>
        {
            TorchRuntime.Ensure(parse.GetValue(threads));
            using var classifier = TrainedClassifier.Load(parse.GetValue(model)!, ComputeDevice.Parse(parse.GetValue(device)!));
            var dataName = parse.GetValue(data)!;
            bool align = parse.GetValue(alignFaces);
            var loaded = DatasetLoader.LoadWithReport(dataName, new LoadOptions(Size: classifier.Size, AlignFaces: align));
            using var dataset = loaded.Dataset;
            foreach (var note in loaded.Report.Notes.Where(n => n.StartsWith("--align-faces"))) Console.Error.WriteLine($"note: {note}");
            var (splitName, part) = Choose(dataset, parse.GetValue(split), dataName);
            using var _ = part;
            bool mirrored = parse.GetValue(mirror);
            var (metrics, unknown) = classifier.Evaluate(part, $"{dataName} split {splitName}", mirrored);
            var report = EvaluationReport.ToJson(metrics, classifier.Path, dataName, splitName, mirrored, unknown);
            if (align) report["align_faces"] = true;
            // Said on stderr too, so that --json output stays one object and the note is never silent.
            foreach (var u in unknown)
                Console.Error.WriteLine($"note: {u.Count} faces of '{u.ClassName}', a class the model lacks, are left out of the scores; " +
                    $"they were labelled {string.Join(", ", u.LabelledAs.Where(kv => kv.Value > 0).OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key} {kv.Value}"))}");

            var folder = parse.GetValue(outDir) ?? Path.GetDirectoryName(Path.GetFullPath(classifier.Path))!;
            Directory.CreateDirectory(folder);
            var safeSplit = string.Concat(splitName.Select(c => char.IsLetterOrDigit(c) || c == '-' ? c : '_')) + (mirrored ? "-mirror" : "") + (align ? "-aligned" : "");
            AtomicFile.WriteAllText(Path.Combine(folder, $"evaluation-{safeSplit}.json"), report.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            ConfusionHeatmap.Save(Path.Combine(folder, $"confusion-{safeSplit}.png"), metrics.ConfusionRows(), metrics.ClassNames, $"{dataName} {splitName}: confusion matrix");

            if (parse.GetValue(json)) Console.WriteLine(report.ToJsonString());
            else Print(metrics, unknown, splitName, folder);
            return 0;
        }));
        return command;
    }

    /// <summary>The split asked for, or the test-role split, else the validation-role split, else everything.</summary>
    static (string Name, FaceDataset Part) Choose(FaceDataset dataset, string? split, string dataName)
    {
        var names = dataset.SplitNames();
        if (split != null)
        {
            var match = names.FirstOrDefault(n => n.Equals(split, StringComparison.OrdinalIgnoreCase))
                        ?? throw new EmoAugException($"--split {split}: {dataName} has no such split (it has: {string.Join(", ", names)})");
            return (match, dataset.WhereSplit(match));
        }
        var test = names.Where(SplitRoles.IsTest).ToArray();
        if (test.Length > 0) return (string.Join("+", test), dataset.WhereSplit(test));
        var validation = names.Where(SplitRoles.IsValidation).ToArray();
        if (validation.Length > 0) return (string.Join("+", validation), dataset.WhereSplit(validation));
        return ("all", dataset.WhereSplit(names.ToArray()));
    }

    static void Print(ClassificationMetrics m, IReadOnlyList<UnknownClassLabels> unknown, string split, string folder)
    {
        AnsiConsole.MarkupLineInterpolated($"split {split}: {m.Count} images");
        AnsiConsole.MarkupLineInterpolated($"accuracy {m.Accuracy:P2}   balanced accuracy {m.BalancedAccuracy:P2}   macro-F1 {m.MacroF1:F4}");
        var perClass = new Table().AddColumns("class", "precision", "recall", "F1", "support");
        foreach (var name in m.ClassNames)
        {
            var c = m.PerClass[name];
            perClass.AddRow(name, $"{c.Precision:F3}", $"{c.Recall:F3}", $"{c.F1:F3}", $"{c.Support}");
        }
        AnsiConsole.Write(perClass);
        var confusion = new Table().AddColumn("true \\ predicted");
        foreach (var name in m.ClassNames) confusion.AddColumn(name);
        var rows = m.ConfusionRows();
        for (int r = 0; r < rows.Length; r++)
            confusion.AddRow(new[] { m.ClassNames[r] }.Concat(rows[r].Select(v => v.ToString())).ToArray());
        AnsiConsole.Write(confusion);
        if (unknown.Count > 0)
        {
            var table = new Table().AddColumns("class the model lacks", "faces");
            foreach (var name in m.ClassNames) table.AddColumn($"as {name}");
            foreach (var u in unknown)
                table.AddRow(new[] { u.ClassName, $"{u.Count}" }.Concat(m.ClassNames.Select(n => $"{u.LabelledAs[n]}")).ToArray());
            AnsiConsole.Write(table);
        }
        AnsiConsole.MarkupLineInterpolated($"written: {Path.Combine(folder, "evaluation-" + split + ".json")} and the confusion PNG beside it");
    }
}
