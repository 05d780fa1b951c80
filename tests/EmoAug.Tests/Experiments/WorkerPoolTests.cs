using System.Text.Json.Nodes;
using EmoAug.Cli;
using EmoAug.Experiments;
using EmoAug.Experiments.Execution;
using EmoAug.Experiments.Planning;
using Xunit;

namespace EmoAug.Tests.Experiments;

/// <summary>`experiment --jobs` and `--unit`, through the command line, with real worker processes.</summary>
[Collection(SharedRandomGenerator.Name)]
public class WorkerPoolTests
{
    static int Run(params string[] args) => CommandRunner.Run(EmoAugCommands.Root(), args);

    static string[] Experiment(string output, params string[] more) =>
    [
        "experiment", "--data", "synthetic:size=16,train=280,val=40,test=70", "--size", "16", "--out", output,
        "--arms", "baseline", "gan", "--epochs", "2", "--gan-epochs", "2", "--threads", "1", .. more,
    ];

    /// <summary>results.json without what differs between two runs of the same thing: folders, times, the command.</summary>
    internal static string Comparable(string output)
    {
        var results = JsonNode.Parse(File.ReadAllText(Path.Combine(output, ExperimentReport.ResultsName)))!.AsObject();
        foreach (var key in new[] { "command", "timings", "finished", "options", "figures" }) results.Remove(key);
        foreach (var gan in results["gans"]!.AsArray()) gan!.AsObject().Remove("seconds");
        foreach (var arm in results["arms"]!.AsArray()) arm!.AsObject().Remove("seconds");
        return results.ToJsonString().Replace(output, "OUT");
    }

    [Fact]
    public void TwoWorkersGiveTheSequentialNumbersDigitForDigit()
    {
        using var folder = new TempFolder();
        string sequential = folder.File("sequential"), parallel = folder.File("parallel");
        Assert.Equal(0, Run(Experiment(sequential)));
        Assert.Equal(0, Run(Experiment(parallel, "--jobs", "2")));
        Assert.Equal(Comparable(sequential), Comparable(parallel));
        // Every unit ran in a worker of its own, whose output is kept.
        var plan = ExperimentPlan.Load(parallel);
        Assert.All(plan.Units, u => Assert.True(File.Exists(WorkerPool.LogOf(parallel, u.Id)), u.Id));
        Assert.Contains("done", File.ReadAllText(WorkerPool.LogOf(parallel, plan.Units[0].Id)));
    }

    [Fact]
    public void AUnitWhoseDependencyIsNotDoneIsRefusedNamingIt_ThenRunsOnceItIs()
    {
        using var folder = new TempFolder();
        var output = folder.File("experiment");
        // Plan and run it whole, then forget what was recorded.
        Assert.Equal(0, Run(Experiment(output)));
        var plan = ExperimentPlan.Load(output);
        var generation = plan.Units.OfType<GenerationPlan>().Single();
        File.Delete(Path.Combine(output, UnitLedger.FileName));
        Assert.Equal(2, Run("experiment", "--out", output, "--unit", generation.Id));
        Assert.False(UnitLedger.Open(output).IsDone(generation.Id));
        Assert.Equal(0, Run("experiment", "--out", output, "--unit", generation.Gan, "--threads", "1"));
        Assert.Equal(0, Run("experiment", "--out", output, "--unit", generation.Id, "--threads", "1"));
        Assert.True(UnitLedger.Open(output).IsDone(generation.Id));
        Assert.Equal(2, Run("experiment", "--out", output, "--unit", "official/no-such-unit"));
        // A unit takes the threads of the process that runs it (a worker's share), not the plan's.
        Directory.Delete(((ClassifierRunPlan)plan.Unit("official/classifier/seed0/real")).Directory, recursive: true);
        Assert.Equal(0, Run("experiment", "--out", output, "--unit", "official/classifier/seed0/real", "--threads", "2"));
        var run = UnitLedger.Open(output).Get<ClassifierUnit>("official/classifier/seed0/real");
        using var classifier = EmoAug.Evaluation.TrainedClassifier.Load(run.RunDirectory);
        Assert.Equal(2, classifier.Header.Training.Threads);
    }
}
