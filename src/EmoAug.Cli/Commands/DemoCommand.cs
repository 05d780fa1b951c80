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
        var device = new Option<string>("--device") { Description = "cpu or cuda", DefaultValueFactory = _ => "cpu" };
        var command = new Command("demo", "Run the experiment on the built-in synthetic faces and write its report (about three minutes on 2 cores).");
        command.Options.Add(output);
        command.Options.Add(threads);
        command.Options.Add(device);
        command.SetAction(CommandRunner.Guard(parse =>
        {
            var options = DemoOptions(parse.GetValue(output)!, parse.GetValue(threads)) with { Device = parse.GetValue(device)! };
            return ExperimentConsole.Run(options, "emoaug demo");
        }));
        return command;
    }

    /// <summary>
    /// The demo's experiment, sized to finish in about three minutes on 2 cores: synthetic faces at 32x32 (1,400 for
    /// training, 21 of them disgust), the quick budget, one seed, and the arms that answer the main question (baseline,
    /// oversampling as the classic remedy, GAN, and the amount sweep). `experiment --data synthetic` runs every arm at 48x48.
    /// </summary>
    public static ExperimentOptions DemoOptions(string output, int threads) =>
        new(Data: "synthetic:size=32,train=1400,val=200,test=400", OutputDirectory: output, Budget: BudgetName.Quick, Seeds: 1,
            Threads: threads, Arms: ["baseline", "oversample", "gan", "sweep"], SweepAmounts: [0, 1, 2]);
}
