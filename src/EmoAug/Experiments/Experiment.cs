using System.Diagnostics;
using EmoAug.Data;
using EmoAug.Experiments.Execution;
using EmoAug.Experiments.Planning;
using EmoAug.Runtime;

namespace EmoAug.Experiments;

/// <summary>Where an experiment is: the unit being worked on, how many are done, and a line about the unit's own progress.</summary>
public sealed record ExperimentProgress(string Unit, int Done, int Total, string Detail);

/// <summary>
/// An experiment in three steps: plan (<see cref="ExperimentPlanner"/>: every unit and its options, checked whole and
/// recorded in plan.json), execute (<see cref="UnitExecutor"/>: each unit not yet recorded in units.json, in plan
/// order) and summarise (<see cref="ExperimentSummariser"/>: results.json, report.md, report.html). A second run with
/// the same options redoes nothing.
/// </summary>
public static class Experiment
{
    /// <param name="budgetOverride">Settings to use instead of the named budget (tests use a tiny one).</param>
    /// <param name="executor">Does the plan's units elsewhere (worker processes, <see cref="WorkerPool"/>; Slurm jobs,
    /// <see cref="SlurmExecutor"/>), reporting units done and what runs; returns false when units are left running
    /// (no report yet). Null = one after the other in this process.</param>
    /// <returns>The results, or null when the executor left units running (run again to write the report).</returns>
    public static ExperimentResults? Start(ExperimentOptions options, string command, Action<ExperimentProgress>? progress = null,
        ExperimentBudget? budgetOverride = null, CancellationToken cancel = default,
        Func<ExperimentPlan, UnitLedger, Action<int, string>, bool>? executor = null)
    {
        var clock = Stopwatch.StartNew();
        int done = 0, total = 0;
        void Report(string unit, string detail) => progress?.Invoke(new ExperimentProgress(unit, done, total, detail));
        var namedBudget = budgetOverride ?? ExperimentBudget.Named(options.Budget);
        ExperimentPlanner.CheckOptions(options, namedBudget);
        TorchRuntime.Ensure(options.Threads);
        TorchRuntime.Device(options.Device); // an unknown or absent device is refused before the data loads

        Report("loading data", options.Data);
        using var data = Load(options);
        var plan = ExperimentPlanner.Plan(options, namedBudget, DatasetSummary.Of(data));
        foreach (var note in plan.Notes) Report(note, "");
        total = plan.Units.Count;
        // The folder is made only once the plan has been checked: a bad command leaves nothing behind.
        using var folderLock = RunFolderLock.Acquire(plan.Options.OutputDirectory);
        ExperimentSettingsFile.CheckOrWrite(plan.Options.OutputDirectory, ExperimentSettingsFile.Of(plan.Options, plan.Budget));
        plan.Save();
        var ledger = UnitLedger.Open(plan.Options.OutputDirectory);
        if (executor != null)
        {
            if (!executor(plan, ledger, (d, running) => { done = d; Report(running, ""); })) return null;
        }
        else
        {
            using var here = new UnitExecutor(plan, data, ledger, Report);
            foreach (var unit in plan.Units)
            {
                cancel.ThrowIfCancellationRequested();
                here.Run(unit, cancel);
                done++;
            }
        }
        Report("writing the report", plan.Options.OutputDirectory);
        return ExperimentSummariser.Write(plan, data, ledger, command, clock.Elapsed.TotalSeconds, cancel);
    }

    /// <summary>The whole experiment in this process, one unit after the other (<see cref="Start"/> without an executor).</summary>
    public static ExperimentResults Run(ExperimentOptions options, string command, Action<ExperimentProgress>? progress = null,
        ExperimentBudget? budgetOverride = null, CancellationToken cancel = default) =>
        Start(options, command, progress, budgetOverride, cancel)!;

    /// <summary>Does one unit of the plan recorded in <paramref name="directory"/> (if it is not done) and records it:
    /// what a worker process or a cluster job runs. The units it depends on must be done.</summary>
    public static void RunUnit(string directory, string unitId, int? threads = null, Action<ExperimentProgress>? progress = null,
        CancellationToken cancel = default)
    {
        var plan = ExperimentPlan.Load(directory);
        if (threads is { } t) plan = plan with { Options = plan.Options with { Threads = t } };
        var unit = plan.Unit(unitId);
        TorchRuntime.Ensure(plan.Options.Threads);
        using var data = Load(plan.Options);
        using var executor = new UnitExecutor(plan, data, UnitLedger.Open(directory),
            (name, detail) => progress?.Invoke(new ExperimentProgress(name, 0, 1, detail)));
        executor.Run(unit, cancel);
    }

    static FaceDataset Load(ExperimentOptions options) =>
        DatasetLoader.Load(options.Data, new LoadOptions(Size: options.Size, SkipInvalid: options.SkipInvalid, ExcludeList: options.ExcludeList));
}
