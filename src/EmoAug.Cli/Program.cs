using System.CommandLine;
using EmoAug.Cli;
using EmoAug.Cli.Commands;

// emoaug: each command lives in Commands/, one file each; this file only lists them.
var root = new RootCommand("EmoAug: facial-emotion classifiers and GAN data augmentation for imbalanced classes.");
root.Subcommands.Add(DataCommand.Create());
root.Subcommands.Add(TrainGanCommand.Create());
root.Subcommands.Add(GenerateCommand.Create());
return CommandRunner.Run(root, args);
