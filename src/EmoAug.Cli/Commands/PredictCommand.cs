using System.CommandLine;
using System.Text.Json.Nodes;
using EmoAug.Evaluation;
using EmoAug.Runtime;
using Spectre.Console;

namespace EmoAug.Cli.Commands;

/// <summary>`emoaug predict --model M image|folder... [--json]`: the emotion of each image, with probabilities.</summary>
public static class PredictCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Checkpoint file or training run folder", Required = true };
        var paths = new Argument<string[]>("paths") { Description = "Image files or folders of images (any size, colour or gray)", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Print a JSON array instead of a table" };
        var threads = new Option<int>("--threads") { Description = "CPU threads (0 = torch's default)" };
        var mirror = new Option<bool>("--mirror") { Description = "Average each face's probabilities with its mirror image's (test-time augmentation)" };
        var command = new Command("predict", "Label face images with a trained classifier.");
        command.Arguments.Add(paths);
        foreach (var option in new Option[] { model, json, threads, mirror }) command.Options.Add(option);
        command.SetAction(CommandRunner.Guard(parse =>
        {
            TorchRuntime.Ensure(parse.GetValue(threads));
            // Check and decode every input before printing anything: bad input gives one line, not half a table.
            var files = PredictionInput.Expand(parse.GetValue(paths)!);
            using var classifier = TrainedClassifier.Load(parse.GetValue(model)!);
            using var images = PredictionInput.Load(files, classifier.Size);
            using var probabilities = classifier.Probabilities(images, mirror: parse.GetValue(mirror));
            var p = probabilities.data<float>().ToArray();
            int k = classifier.ClassNames.Count;
            var results = files.Select((file, i) =>
            {
                var row = p.AsSpan(i * k, k).ToArray();
                int best = Array.IndexOf(row, row.Max());
                return (file, label: classifier.ClassNames[best], row);
            }).ToList();
            if (parse.GetValue(json))
            {
                var array = new JsonArray(results.Select(r => (JsonNode)new JsonObject
                {
                    ["file"] = r.file,
                    ["label"] = r.label,
                    ["probabilities"] = new JsonObject(classifier.ClassNames.Select((c, j) => KeyValuePair.Create(c, (JsonNode?)Math.Round(r.row[j], 6)))),
                }).ToArray());
                Console.WriteLine(array.ToJsonString());
                return 0;
            }
            var table = new Table().AddColumns("file", "label");
            foreach (var c in classifier.ClassNames) table.AddColumn(c);
            foreach (var r in results)
                table.AddRow(new[] { Markup.Escape(r.file), r.label }.Concat(r.row.Select(v => $"{v:F3}")).ToArray());
            AnsiConsole.Write(table);
            return 0;
        }));
        return command;
    }
}
