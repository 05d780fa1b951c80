using EmoAug.Experiments;
using Spectre.Console;

namespace EmoAug.Cli.Commands;

/// <summary>Runs an experiment with a progress bar over its units, then prints the arms' table and the report's path.</summary>
public static class ExperimentConsole
{
    /// <param name="executor">Where the units run (<see cref="Experiment.Start"/>); null = here, one after the other.</param>
    public static int Run(ExperimentOptions options, string command,
        Func<EmoAug.Experiments.Planning.ExperimentPlan, UnitLedger, Action<int, string>, bool>? executor = null)
    {
        ExperimentResults? results = null;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("starting", maxValue: 1);
                results = Experiment.Start(options, command, p =>
                {
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Done;
                    task.Description = Markup.Escape($"{p.Unit} {p.Detail}".Trim());
                }, executor: executor);
                task.Value = task.MaxValue;
                task.Description = "done";
            });
        if (results is null)
        {
            AnsiConsole.MarkupLine($"Units submitted; they run on their own. Run the same command again to follow them and write the report in [bold]{Markup.Escape(options.OutputDirectory)}[/].");
            return 0;
        }
        var table = new Table().AddColumns("arm", "accuracy", "balanced acc.", "macro-F1", "disgust recall", "accuracy vs baseline");
        foreach (var arm in results!.Arms)
        {
            string Pct(Summary s) => double.IsNaN(s.Std) || s.PerSeed.Length < 2 ? $"{100 * s.Mean:0.0}" : $"{100 * s.Mean:0.0} ± {100 * s.Std:0.0}";
            var disgust = arm.Recall.TryGetValue("disgust", out var r) ? Pct(r) : "-";
            var diff = arm.AccuracyVsBaseline is { } d ? $"{100 * d.Estimate:+0.0;-0.0} [{100 * d.Lower:+0.0;-0.0}, {100 * d.Upper:+0.0;-0.0}]" : "";
            table.AddRow(new[] { arm.Name, Pct(arm.Accuracy), Pct(arm.BalancedAccuracy), Pct(arm.MacroF1), disgust, diff }.Select(Markup.Escape).ToArray());
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine(Markup.Escape(ExperimentReport.Answer(results)));
        if (results.BaselineStillImproving > 0)
            AnsiConsole.MarkupLine(Markup.Escape($"Warning: the baseline was still improving at its last epoch in {results.BaselineStillImproving} of {results.BaselineRuns} runs (report.md)."));
        AnsiConsole.MarkupLine($"Report: [bold]{Markup.Escape(Path.GetFullPath(Path.Combine(options.OutputDirectory, ExperimentReport.HtmlName)))}[/]");
        AnsiConsole.MarkupLine($"        {Markup.Escape(Path.GetFullPath(Path.Combine(options.OutputDirectory, ExperimentReport.MarkdownName)))}");
        return 0;
    }
}
