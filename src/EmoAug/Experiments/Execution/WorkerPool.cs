using System.Diagnostics;
using EmoAug.Experiments.Planning;

namespace EmoAug.Experiments.Execution;

/// <summary>
/// Does a plan's units in up to N worker processes on this machine (`experiment --jobs N`): each worker does one unit
/// (`experiment --unit`) and records it in the ledger; a unit starts once every unit it depends on is recorded. The
/// numbers are the sequential run's where each unit has the same threads, since a unit's work depends only on its
/// plan and on what it depends on. A worker's output goes to logs/ in the experiment folder.
/// </summary>
/// <param name="worker">How to start the worker for a unit, writing nothing to the console.</param>
public sealed class WorkerPool(ExperimentPlan plan, UnitLedger ledger, int jobs, Func<PlannedUnit, ProcessStartInfo> worker)
{
    public const string LogFolder = "logs";

    /// <summary>The log file of a unit's worker.</summary>
    public static string LogOf(string experimentDirectory, string unitId) =>
        Path.Combine(experimentDirectory, LogFolder, UnitIds.Safe(unitId) + ".log");

    /// <param name="progress">Units done of all, and what is running.</param>
    public void Run(Action<int, string>? progress = null, CancellationToken cancel = default)
    {
        if (jobs < 1) throw new EmoAugException($"--jobs {jobs}: must be at least 1");
        var pending = plan.Units.Where(u => !UnitExecutor.IsDone(ledger, u)).ToList();
        int done = plan.Units.Count - pending.Count;
        var running = new Dictionary<Process, (PlannedUnit Unit, StreamWriter Log)>();
        var failures = new List<string>();
        Directory.CreateDirectory(Path.Combine(plan.Options.OutputDirectory, LogFolder));
        try
        {
            while (pending.Count > 0 || running.Count > 0)
            {
                cancel.ThrowIfCancellationRequested();
                // A failed unit starts nothing new; what runs is let finish so that it is recorded.
                while (failures.Count == 0 && running.Count < jobs
                       && pending.FirstOrDefault(u => u.DependsOn.All(ledger.IsDone)) is { } ready)
                {
                    pending.Remove(ready);
                    var (process, log) = Start(ready);
                    running[process] = (ready, log);
                }
                if (running.Count == 0) break;
                progress?.Invoke(done, string.Join(", ", running.Values.Select(r => r.Unit.Id)));
                var finished = running.Keys.FirstOrDefault(p => p.HasExited);
                if (finished is null)
                {
                    Thread.Sleep(200);
                    continue;
                }
                finished.WaitForExit(); // waits for the last of its output
                var (unit, unitLog) = running[finished];
                unitLog.Dispose();
                running.Remove(finished);
                ledger.Reload();
                if (finished.ExitCode == 0 && UnitExecutor.IsDone(ledger, unit)) done++;
                else failures.Add($"unit {unit.Id} failed (exit {finished.ExitCode}); its log: {LogOf(plan.Options.OutputDirectory, unit.Id)}");
                finished.Dispose();
            }
        }
        finally
        {
            foreach (var (process, (_, log)) in running)
            {
                try { process.Kill(entireProcessTree: true); process.WaitForExit(); } catch (InvalidOperationException) { }
                process.Dispose();
                log.Dispose();
            }
        }
        if (failures.Count > 0)
            throw new EmoAugException(failures[0] + (failures.Count > 1 ? $" (and {failures.Count - 1} more)" : "") +
                "; run the experiment again to do the units not recorded");
        if (pending.Count > 0)
            throw new EmoAugException($"unit {pending[0].Id}: waits for units that are not planned before it");
    }

    (Process, StreamWriter) Start(PlannedUnit unit)
    {
        var info = worker(unit);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        var log = new StreamWriter(LogOf(plan.Options.OutputDirectory, unit.Id), append: false) { AutoFlush = true };
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data != null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (log) log.WriteLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, log);
    }
}
