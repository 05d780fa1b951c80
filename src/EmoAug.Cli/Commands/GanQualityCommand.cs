using System.CommandLine;
using EmoAug.Data;
using EmoAug.Evaluation;
using EmoAug.Runtime;
using EmoAug.Training;
using static TorchSharp.torch;

namespace EmoAug.Cli.Commands;

/// <summary>
/// `emoaug gan-quality`: how good a CycleGAN's faces are, judged by a classifier trained on real faces: GAN-test
/// (share labelled as the target class), KID on the classifier's penultimate features against real target-class
/// training faces (with its standard error), and identity preservation (mean L1 between input and translation).
/// </summary>
public static class GanQualityCommand
{
    public static Command Create()
    {
        var gan = new Option<string>("--gan") { Description = "CycleGAN checkpoint, or its run folder", Required = true };
        var classifier = new Option<string>("--classifier") { Description = "Classifier checkpoint or run folder trained on real faces", Required = true };
        var data = new Option<string>("--data") { Description = "Dataset whose training split gives the source and real target faces", Required = true };
        var count = new Option<int>("--count") { Description = "Faces to translate (0 = every source-class training face)", DefaultValueFactory = _ => 0 };
        var json = new Option<bool>("--json") { Description = "Print the measures as one JSON object" };
        var output = new Option<string?>("--out") { Description = "Where to write the JSON (default: quality.json beside the GAN checkpoint)" };
        var threads = new Option<int>("--threads") { Description = "CPU threads (0 = LibTorch's default)", DefaultValueFactory = _ => 0 };
        var command = new Command("gan-quality", "Measure a CycleGAN's generated faces: GAN-test, KID and identity L1, judged by a classifier.");
        foreach (var option in new Option[] { gan, classifier, data, count, json, output, threads }) command.Options.Add(option);
        command.SetAction(CommandRunner.Guard(parse =>
        {
            TorchRuntime.Ensure(parse.GetValue(threads));
            var ganPath = CycleGanCheckpoint.Resolve(parse.GetValue(gan)!);
            var header = CycleGanCheckpoint.ReadHeader(ganPath);
            using var judge = TrainedClassifier.Load(parse.GetValue(classifier)!);
            int targetIndex = judge.JudgeClassIndex(header.ToClass, header.Size, "--classifier");
            using var dataset = DatasetLoader.Load(parse.GetValue(data)!, new LoadOptions(Size: header.Size));

            // Translations are written to a scratch folder (FaceGeneration's one output form) and kept in memory.
            var scratch = Path.Combine(Path.GetTempPath(), "emoaug-quality-" + Guid.NewGuid().ToString("N"));
            try
            {
                using var faces = FaceGeneration.Generate(ganPath, dataset, new GenerationOptions(Count: parse.GetValue(count),
                    Threads: parse.GetValue(threads)), scratch);
                int target = TrainingSplit.ClassIndex(dataset, header.ToClass, "--data");
                var labels = dataset.LabelArray();
                using var index = tensor(TrainingSplit.Indices(dataset).Where(i => labels[i] == target).Select(i => (long)i).ToArray());
                using var realTarget = dataset.Images.index_select(0, index);
                var report = GanQuality.Compute(faces.Generated, faces.Sources, realTarget, targetIndex, judge.ClassNames,
                    x => judge.Features(x), x => judge.Probabilities(x), kidSubsetSize: Math.Min(1000, (int)Math.Min(realTarget.shape[0], faces.Generated.shape[0])));
                var path = parse.GetValue(output) ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(ganPath))!, "quality.json");
                AtomicFile.WriteAllText(path, report.ToJson());
                if (parse.GetValue(json)) Console.WriteLine(report.ToJson());
                else
                {
                    Console.WriteLine($"{header.FromClass} -> {header.ToClass}: {report.Generated} generated, {report.RealTarget} real {header.ToClass} faces");
                    Console.WriteLine($"GAN-test {100 * report.GanTest:0.0}% (labelled {header.ToClass} by {judge.Path}); " +
                        $"the same classifier labels {100 * report.SourceAsTarget:0.0}% of the untranslated {header.FromClass} faces " +
                        $"and {100 * report.RealAsTarget:0.0}% of the real {header.ToClass} faces {header.ToClass}");
                    Console.WriteLine("the generated faces are labelled " + string.Join(", ", report.GeneratedLabels
                        .OrderByDescending(l => l.Value).Take(3).Select(l => $"{l.Key} {100 * l.Value:0.0}%")) + ", ...");
                    Console.WriteLine($"KID {report.Kid.Mean:0.0000} ± {report.Kid.StandardError:0.0000} (standard error)");
                    Console.WriteLine($"identity L1 {report.IdentityL1:0.000}");
                    Console.WriteLine($"written: {path}");
                }
                return 0;
            }
            finally
            {
                if (Directory.Exists(scratch)) Directory.Delete(scratch, recursive: true);
            }
        }));
        return command;
    }
}
