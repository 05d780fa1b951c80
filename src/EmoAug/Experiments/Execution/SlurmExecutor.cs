using System.Diagnostics;
using System.Text;
using System.Text.Json;
using EmoAug.Experiments.Planning;

namespace EmoAug.Experiments.Execution;

/// <summary>How each unit's Slurm job is asked for (`experiment --executor slurm`).</summary>
/// <param name="Partition">sbatch --partition; null = the cluster's default.</param>
/// <param name="Time">sbatch --time (for example "2:00:00"); null = the partition's default.</param>
/// <param name="CpusPerTask">sbatch --cpus-per-task, and the unit's --threads.</param>
/// <param name="Gres">sbatch --gres (for example "gpu:1"); null = none.</param>
/// <param name="SbatchOptionsFile">A file of further `#SBATCH` lines copied into every job script; null = none.</param>
/// <param name="Wait">Follow the jobs (squeue) until they end; false = return once they are submitted.</param>
public sealed record SlurmOptions(string? Partition = null, string? Time = null, int CpusPerTask = 2, string? Gres = null,
    string? SbatchOptionsFile = null, bool Wait = true);

/// <summary>
/// Submits every unit not yet recorded as one sbatch job running `experiment --out DIR --unit ID`, with
/// `--dependency=afterok:` edges to the jobs of the units it needs, then follows them with squeue. The jobs submitted
/// are kept in slurm/jobs.json: a rerun submits only units that are neither recorded nor queued or running (or queued
/// after a unit it submits again, whose old job can never start), so no unit runs twice at once; each job records its
/// unit in the ledger itself (under its lock, atomically), on the shared folder. A unit whose job ended without recording it is named with its job id and log.
/// </summary>
/// <param name="command">The command a job runs for a unit, as arguments after the program (the executable first).</param>
public sealed class SlurmExecutor(ExperimentPlan plan, UnitLedger ledger, SlurmOptions options,
    Func<PlannedUnit, int, IReadOnlyList<string>> command)
{
    public const string Folder = "slurm", JobsFile = "jobs.json";
    string Root => plan.Options.OutputDirectory;

    /// <summary>Submits what is left; with <see cref="SlurmOptions.Wait"/>, returns once every job has ended and every
    /// unit is recorded. Returns false when jobs are still running (--no-wait).</summary>
    public bool Run(Action<int, string>? progress = null, CancellationToken cancel = default)
    {
        var jobsPath = Path.Combine(Root, Folder, JobsFile);
        Directory.CreateDirectory(Path.Combine(Root, Folder));
        Directory.CreateDirectory(Path.Combine(Root, WorkerPool.LogFolder));
        var jobs = File.Exists(jobsPath)
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(jobsPath)) ?? [] : [];
        var active = Active(jobs.Values);
        var submitted = new HashSet<string>();
        foreach (var unit in plan.Units)
        {
            if (UnitExecutor.IsDone(ledger, unit)) continue;
            if (jobs.TryGetValue(unit.Id, out var job) && active.Contains(job))
            {
                // A queued job waiting on a job that ended without recording its unit can never run (Slurm drops it
                // at one of its next passes): it gives way to one waiting on the unit's new job.
                if (!unit.DependsOn.Any(submitted.Contains)) continue;
                Tool("scancel", [job]);
            }
            var after = unit.DependsOn.Where(d => !ledger.IsDone(d) && jobs.ContainsKey(d)).Select(d => jobs[d]).ToList();
            jobs[unit.Id] = Submit(unit, after);
            submitted.Add(unit.Id);
            active.Add(jobs[unit.Id]);
            AtomicFile.WriteAllText(jobsPath, JsonSerializer.Serialize(jobs, new JsonSerializerOptions { WriteIndented = true }));
        }
        if (!options.Wait) return plan.Units.All(u => UnitExecutor.IsDone(ledger, u));
        while (true)
        {
            cancel.ThrowIfCancellationRequested();
            ledger.Reload();
            int done = plan.Units.Count(u => UnitExecutor.IsDone(ledger, u));
            var running = Active(jobs.Values);
            progress?.Invoke(done, $"{running.Count} Slurm job(s) queued or running");
            if (running.Count == 0) break;
            Thread.Sleep(TimeSpan.FromSeconds(2));
        }
        var failed = plan.Units.FirstOrDefault(u => !UnitExecutor.IsDone(ledger, u));
        if (failed != null)
            throw new EmoAugException($"unit {failed.Id}: its Slurm job {jobs.GetValueOrDefault(failed.Id, "?")} ended without recording it " +
                $"(failed, cancelled, or waiting on one that did); its log: {WorkerPool.LogOf(Root, failed.Id)}; run the same command again to submit what is left");
        return true;
    }

    string Submit(PlannedUnit unit, IReadOnlyList<string> after)
    {
        var script = new StringBuilder("#!/bin/bash\n");
        script.Append($"#SBATCH --job-name=emoaug-{UnitIds.Safe(unit.Id)}\n");
        script.Append($"#SBATCH --output={WorkerPool.LogOf(Path.GetFullPath(Root), unit.Id)}\n");
        script.Append($"#SBATCH --cpus-per-task={options.CpusPerTask}\n");
        if (options.Partition != null) script.Append($"#SBATCH --partition={options.Partition}\n");
        if (options.Time != null) script.Append($"#SBATCH --time={options.Time}\n");
        if (options.Gres != null) script.Append($"#SBATCH --gres={options.Gres}\n");
        if (options.SbatchOptionsFile != null)
            foreach (var line in File.ReadLines(options.SbatchOptionsFile).Where(l => l.StartsWith("#SBATCH", StringComparison.Ordinal)))
                script.Append(line).Append('\n');
        script.Append("exec ").Append(string.Join(' ', command(unit, options.CpusPerTask).Select(Quote))).Append('\n');
        var path = Path.Combine(Root, Folder, UnitIds.Safe(unit.Id) + ".sh");
        AtomicFile.WriteAllText(path, script.ToString());
        // Without --kill-on-invalid-dep a job whose dependency failed stays pending (DependencyNeverSatisfied) for ever.
        var arguments = new List<string> { "--parsable", "--kill-on-invalid-dep=yes" };
        if (after.Count > 0) arguments.Add("--dependency=afterok:" + string.Join(':', after));
        arguments.Add(path);
        var (exit, output, error) = Tool("sbatch", arguments);
        if (exit != 0) throw new EmoAugException($"sbatch {path}: exit {exit}: {error.Trim().Split('\n')[0]}");
        return output.Trim().Split(';')[0];
    }

    /// <summary>Of these jobs, the ones Slurm still has queued or running.</summary>
    HashSet<string> Active(IEnumerable<string> jobIds)
    {
        var ids = jobIds.ToList();
        if (ids.Count == 0) return [];
        var (exit, output, error) = Tool("squeue", ["-h", "-o", "%i", "-j", string.Join(',', ids)]);
        // squeue fails for ids it no longer knows (all ended): nothing is active then.
        if (exit != 0) return error.Contains("Invalid job id", StringComparison.OrdinalIgnoreCase) ? [] :
            throw new EmoAugException($"squeue: exit {exit}: {error.Trim().Split('\n')[0]}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
    }

    static (int Exit, string Output, string Error) Tool(string name, IReadOnlyList<string> arguments)
    {
        var info = new ProcessStartInfo(name) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        try
        {
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output.Result, error);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new EmoAugException($"--executor slurm: '{name}' is not on the PATH (is this a Slurm login node?)");
        }
    }

    static string Quote(string argument) =>
        argument.All(c => char.IsLetterOrDigit(c) || "-_./=:,+".Contains(c))
            ? argument : "'" + argument.Replace("'", "'\\''") + "'";
}
