using System.CommandLine;
using EmoAug.Evaluation;
using EmoAug.Models;
using EmoAug.Runtime;
using EmoAug.Training;

namespace EmoAug.Cli.Commands;

/// <summary>
/// `emoaug export --model M --out FILE [--format onnx|safetensors]`: the network as an ONNX model for ONNX Runtime and
/// other programs, or its weights as safetensors for PyTorch users.
/// </summary>
public static class ExportCommand
{
    /// <summary>The formats a classifier is written in.</summary>
    enum ExportFormat { Onnx, Safetensors }

    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Checkpoint file or training run folder", Required = true };
        var output = new Option<string>("--out") { Description = "Output file (.onnx or .safetensors)", Required = true };
        var format = new Option<string?>("--format")
        {
            Description = "onnx (the whole network, pixels 0-255 in, probabilities out; docs/classifier.md) or safetensors " +
                "(the weights); default: from --out's extension",
        };
        var command = new Command("export", "Export a classifier as an ONNX model (ONNX Runtime, ML.NET, browsers, phones) or its weights as safetensors (PyTorch).");
        command.Options.Add(model);
        command.Options.Add(output);
        command.Options.Add(format);
        command.SetAction(CommandRunner.Guard(parse =>
        {
            var outPath = parse.GetValue(output)!;
            var chosen = parse.GetValue(format) is { } given ? ClosedSet.Parse<ExportFormat>(given, "--format")
                : ClosedSet.TryParse<ExportFormat>(Path.GetExtension(outPath).TrimStart('.'))
                  ?? throw new EmoAugException($"--out {outPath}: say --format {string.Join(" or ", ClosedSet.Names<ExportFormat>())} (or end the file name in .onnx or .safetensors)");
            var folder = Path.GetDirectoryName(Path.GetFullPath(outPath))!;
            if (!Directory.Exists(folder)) throw new EmoAugException($"--out {outPath}: folder {folder} does not exist");
            if (Directory.Exists(outPath)) throw new EmoAugException($"--out {outPath}: is a folder; give a file name");
            TorchRuntime.Ensure();
            var path = TrainedClassifier.ResolvePath(parse.GetValue(model)!);
            var checkpoint = ClassifierCheckpoint.Read(path);
            if (chosen == ExportFormat.Onnx) ClassifierExport.ToOnnx(checkpoint, outPath);
            else ClassifierExport.ToSafeTensors(checkpoint, outPath);
            Console.WriteLine($"{path} -> {outPath} ({ClosedSet.Name(chosen)})");
            return 0;
        }));
        return command;
    }
}
