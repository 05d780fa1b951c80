using System.Text.Json;
using EmoAug.Cli;
using EmoAug.Experiments;
using EmoAug.Experiments.Execution;
using EmoAug.Experiments.Planning;
using Xunit;
using Xunit.Abstractions;

namespace EmoAug.Tests.Experiments;

/// <summary>
/// `experiment --executor slurm` against a real one-node Slurm (<see cref="SingleNodeSlurm"/>). Jobs are submitted
/// held (`--sbatch-options` with `#SBATCH --hold`, `--no-wait`) where a test must act on them before they run, then
/// released. Where Slurm is not installed each test says so in one line and passes (the stand-in tests in
/// <see cref="SlurmExecutorTests"/> still cover the executor's logic); where it is installed and the cluster does
/// not start, each fails with the reason. In the stand-in tests' collection: those change the process's PATH.
/// </summary>
[Collection(SharedRandomGenerator.Name)]
public sealed class RealSlurmTests(SingleNodeSlurm slurm, ITestOutputHelper log) : IClassFixture<SingleNodeSlurm>, IDisposable
{
    readonly TempFolder folder = new();

    static int Run(params string[] args) => CommandRunner.Run(EmoAugCommands.Root(), args);

    static string[] OnSlurm(string output, params string[] more) =>
        SlurmExecutorTests.Experiment(output, ["--executor", "slurm", "--cpus-per-task", "1", .. more]);

    bool ClusterUp()
    {
        if (slurm.Unavailable == null) return true;
        Assert.False(slurm.Installed, slurm.Unavailable);
        log.WriteLine(slurm.Unavailable);
        return false;
    }

    /// <summary>The sequential run, then the Slurm run's jobs submitted held: nothing runs until
    /// <see cref="SingleNodeSlurm.Release"/>.</summary>
    (string Sequential, string Output, Dictionary<string, string> Jobs, ExperimentPlan Plan) SequentialThenHeld()
    {
        var sequential = Sequential();
        var output = folder.File("slurm");
        var hold = folder.File("hold.sbatch");
        File.WriteAllText(hold, "#SBATCH --hold\n");
        Assert.Equal(0, Run(OnSlurm(output, "--sbatch-options", hold, "--no-wait")));
        var jobs = Jobs(output);
        Assert.All(jobs.Values, j => Assert.Equal("PENDING", SingleNodeSlurm.State(j)));
        return (sequential, output, jobs, ExperimentPlan.Load(output));
    }

    static Dictionary<string, string> Jobs(string output) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(output, SlurmExecutor.Folder, SlurmExecutor.JobsFile)))!;

    string Sequential()
    {
        var sequential = folder.File("sequential");
        Assert.Equal(0, Run(SlurmExecutorTests.Experiment(sequential)));
        return sequential;
    }

    [Fact]
    public void EveryUnitRunsAsASlurmJob_AndTheResultsAreTheSequentialRunsDigitForDigit()
    {
        if (!ClusterUp()) return;
        var sequential = Sequential();
        var output = folder.File("slurm");
        Assert.Equal(0, Run(OnSlurm(output)));
        Assert.Equal(WorkerPoolTests.Comparable(sequential), WorkerPoolTests.Comparable(output));
        Assert.All(Jobs(output).Values, j => Assert.Equal("COMPLETED", SingleNodeSlurm.State(j)));
        Assert.Equal(ExperimentPlan.Load(output).Units.Count, Jobs(output).Count);
    }

    [Fact]
    public void AFailedUnitLeavesTheOthersFinished_ItsDependentsAreDropped_AndARerunCompletesIt()
    {
        if (!ClusterUp()) return;
        var (sequential, output, jobs, plan) = SequentialThenHeld();
        // The GAN cannot make its folder (a file is in the way), so its job fails.
        var gan = plan.Units.OfType<GanTrainingPlan>().Single();
        Directory.CreateDirectory(Path.GetDirectoryName(gan.Directory)!);
        File.WriteAllText(gan.Directory, "in the way");
        SingleNodeSlurm.Release(jobs.Values);
        Assert.Equal(2, Run(OnSlurm(output)));

        var ledger = UnitLedger.Open(output);
        var after = plan.Units.Where(u => Needs(plan, u, gan.Id)).ToList();
        Assert.NotEmpty(after);
        Assert.Equal("FAILED", SingleNodeSlurm.State(jobs[gan.Id]));
        // Its dependents were dropped by Slurm, not left waiting for ever; every other unit finished.
        Assert.All(after, u => Assert.Equal("CANCELLED", SingleNodeSlurm.State(jobs[u.Id])));
        Assert.All(plan.Units, u => Assert.Equal(u.Id != gan.Id && !after.Contains(u), ledger.IsDone(u.Id)));

        File.Delete(gan.Directory);
        Assert.Equal(0, Run(OnSlurm(output)));
        Assert.Equal(WorkerPoolTests.Comparable(sequential), WorkerPoolTests.Comparable(output));
    }

    [Fact]
    public void ACancelledJobIsSubmittedAgainByARerun_WithTheJobsQueuedAfterIt()
    {
        if (!ClusterUp()) return;
        var (sequential, output, jobs, plan) = SequentialThenHeld();
        var generation = plan.Units.OfType<GenerationPlan>().Single();
        SingleNodeSlurm.Cancel(jobs[generation.Id]);
        SingleNodeSlurm.Release(jobs.Where(j => j.Key != generation.Id).Select(j => j.Value));
        Assert.Equal("CANCELLED", SingleNodeSlurm.State(jobs[generation.Id]));

        // The rerun follows the jobs still queued and submits the cancelled unit and those waiting on it again.
        Assert.Equal(0, Run(OnSlurm(output)));
        var again = Jobs(output);
        Assert.NotEqual(jobs[generation.Id], again[generation.Id]);
        Assert.All(plan.Units.Where(u => Needs(plan, u, generation.Id)), u => Assert.NotEqual(jobs[u.Id], again[u.Id]));
        Assert.All(plan.Units.Where(u => u.Id != generation.Id && !Needs(plan, u, generation.Id)), u => Assert.Equal(jobs[u.Id], again[u.Id]));
        Assert.All(again.Values, j => Assert.Equal("COMPLETED", SingleNodeSlurm.State(j)));
        Assert.Equal(WorkerPoolTests.Comparable(sequential), WorkerPoolTests.Comparable(output));
    }

    /// <summary>Whether the unit needs that one, directly or through others.</summary>
    static bool Needs(ExperimentPlan plan, PlannedUnit unit, string id) =>
        unit.DependsOn.Any(d => d == id || Needs(plan, plan.Units.Single(u => u.Id == d), id));

    public void Dispose() => folder.Dispose();
}
