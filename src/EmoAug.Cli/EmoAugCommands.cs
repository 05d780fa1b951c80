using System.CommandLine;
using EmoAug.Cli.Commands;

namespace EmoAug.Cli;

/// <summary>The `emoaug` command tree: each command lives in Commands/, one file each; this lists them in pipeline order.</summary>
public static class EmoAugCommands
{
    public static RootCommand Root()
    {
        var root = new RootCommand("EmoAug: facial-emotion classifiers and GAN data augmentation for imbalanced classes.");
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(DataCommand.Create());
        root.Subcommands.Add(TrainClassifierCommand.Create());
        root.Subcommands.Add(EvaluateCommand.Create());
        root.Subcommands.Add(PredictCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(TrainGanCommand.Create());
        root.Subcommands.Add(GenerateCommand.Create());
        root.Subcommands.Add(GanQualityCommand.Create());
        root.Subcommands.Add(ExperimentCommand.Create());
        root.Subcommands.Add(BenchTsneCommand.Create());
        root.Subcommands.Add(BenchTrainCommand.Create());
        OptionGroups.Apply(root, new Dictionary<string, IReadOnlyList<OptionGroup>>
        {
            ["experiment"] = ExperimentCommand.HelpGroups,
            ["train-gan"] = TrainGanCommand.HelpGroups,
        });
        return root;
    }
}
