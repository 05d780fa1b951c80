using System.CommandLine;
using EmoAug.Experiments;

namespace EmoAug.Cli.Commands;

/// <summary>
/// `emoaug demo`: the whole experiment on the built-in synthetic faces with the quick budget and one seed: trains a
/// neutral -> disgust CycleGAN, every arm's classifier, and writes the report. Runs in a few minutes on 2 cores.
/// </summary>
public static class DemoCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "Where the demo's experiment goes (resumable).", DefaultValueFactory = _ => Path.Combine("runs", "demo") };
        var threads = new Option<int>("--threads") { Description = "CPU threads (0 = LibTorch's default).", DefaultValueFactory = _ => 0 };
        var command = new Command("demo", "Run the whole experiment on the built-in synthetic faces and write its report (a few minutes on a laptop CPU).");
        command.Options.Add(output);
        command.Options.Add(threads);
        command.SetAction(CommandRunner.Guard(parse =>
        {
            var options = DemoOptions(parse.GetValue(output)!, parse.GetValue(threads));
            return ExperimentConsole.Run(options, "emoaug demo");
        }));
        return command;
    }

    /// <summary>The demo's experiment: synthetic data, quick budget, one seed, every arm.</summary>
    public static ExperimentOptions DemoOptions(string output, int threads) =>
        new(Data: "synthetic", OutputDirectory: output, Budget: "quick", Seeds: 1, Threads: threads);
}
