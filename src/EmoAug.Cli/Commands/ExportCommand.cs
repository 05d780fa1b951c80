using System.CommandLine;
using EmoAug.Evaluation;
using EmoAug.Models;
using EmoAug.Runtime;
using EmoAug.Training;

namespace EmoAug.Cli.Commands;

/// <summary>`emoaug export --model M --out file.safetensors`: the weights for PyTorch users (safetensors).</summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Checkpoint file or training run folder", Required = true };
        var output = new Option<string>("--out") { Description = "Output .safetensors file", Required = true };
        var command = new Command("export", "Export a classifier's weights as safetensors (load in PyTorch with safetensors.torch.load_file).");
        command.Options.Add(model);
        command.Options.Add(output);
        command.SetAction(CommandRunner.Guard(parse =>
        {
            TorchRuntime.Ensure();
            var path = TrainedClassifier.ResolvePath(parse.GetValue(model)!);
            var outPath = parse.GetValue(output)!;
            var folder = Path.GetDirectoryName(Path.GetFullPath(outPath))!;
            if (!Directory.Exists(folder)) throw new EmoAugException($"--out {outPath}: folder {folder} does not exist");
            ClassifierExport.ToSafeTensors(ClassifierCheckpoint.Read(path), outPath);
            Console.WriteLine($"{path} -> {outPath}");
            return 0;
        }));
        return command;
    }
}
