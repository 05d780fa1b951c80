using EmoAug.Cli;
using EmoAug.Experiments.Execution;
using Xunit;

namespace EmoAug.Tests.Experiments;

/// <summary>
/// `experiment --executor slurm` against a stand-in `sbatch` and `squeue` on the PATH: sbatch runs each job script at
/// once, in submission order (so a job runs after the jobs it depends on), unless the job's unit is named in
/// EMOAUG_TEST_DROP, whose jobs it takes and never runs (a cancelled or failed job); squeue reports every job ended.
/// The executor's own logic (scripts, dependencies, what a rerun submits, how a lost unit is named) is what is tested.
/// </summary>
[Collection(SharedRandomGenerator.Name)]
public sealed class SlurmExecutorTests : IDisposable
{
    readonly TempFolder folder = new();
    readonly string? path = Environment.GetEnvironmentVariable("PATH");

    public SlurmExecutorTests()
    {
        var bin = folder.File("bin");
        Directory.CreateDirectory(bin);
        File.WriteAllText(Path.Combine(bin, "sbatch"), """
            #!/bin/bash
            # the last argument is the script; the job id counts submissions
            script="${@: -1}"
            n=$(( $(cat "$0.count" 2>/dev/null || echo 100) + 1 )); echo $n > "$0.count"
            echo "$@" >> "$0.log"
            out=$(sed -n 's/^#SBATCH --output=//p' "$script")
            if [ -n "$EMOAUG_TEST_DROP" ] && grep -q -- "--unit $EMOAUG_TEST_DROP " "$script"; then echo $n; exit 0; fi
            bash "$script" > "$out" 2>&1
            echo $n
            """.Replace("\r", ""));
        File.WriteAllText(Path.Combine(bin, "squeue"), "#!/bin/bash\nexit 0\n");
        foreach (var tool in new[] { "sbatch", "squeue" })
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(Path.Combine(bin, tool), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Environment.SetEnvironmentVariable("PATH", bin + ":" + path);
    }

    static int Run(params string[] args) => CommandRunner.Run(EmoAugCommands.Root(), args);

    internal static string[] Experiment(string output, params string[] more) =>
    [
        "experiment", "--data", "synthetic:size=16,train=280,val=40,test=70", "--size", "16", "--out", output,
        "--arms", "baseline", "gan", "--epochs", "2", "--gan-epochs", "2", "--threads", "1", .. more,
    ];

    [Fact]
    public void EveryUnitIsAJobAfterTheJobsItNeeds_TheNumbersAreTheSequentialOnes_AndALostUnitIsSubmittedAgain()
    {
        string sequential = folder.File("sequential"), slurm = folder.File("slurm");
        Assert.Equal(0, Run(Experiment(sequential)));

        // The GAN's job is lost: the units after it cannot run, the experiment names it and its log.
        Environment.SetEnvironmentVariable("EMOAUG_TEST_DROP", "official/gan/neutral2disgust");
        try
        {
            Assert.Equal(2, Run(Experiment(slurm, "--executor", "slurm", "--cpus-per-task", "1", "--partition", "cpu", "--time", "0:10:00")));
        }
        finally
        {
            Environment.SetEnvironmentVariable("EMOAUG_TEST_DROP", null);
        }
        var ledger = EmoAug.Experiments.UnitLedger.Open(slurm);
        Assert.True(ledger.IsDone("official/classifier/seed0/real"));
        Assert.False(ledger.IsDone("official/gan/neutral2disgust"));
        Assert.False(File.Exists(Path.Combine(slurm, "results.json")));
        var script = File.ReadAllText(Path.Combine(slurm, SlurmExecutor.Folder, "official_gan_neutral2disgust.sh"));
        Assert.Contains("#SBATCH --partition=cpu", script);
        Assert.Contains("#SBATCH --time=0:10:00", script);
        Assert.Contains("#SBATCH --cpus-per-task=1", script);
        Assert.Contains("--unit official/gan/neutral2disgust --threads 1", script);
        var submissions = File.ReadAllLines(folder.File("bin/sbatch.log"));
        // The generation waits for the GAN's job (the first job is 101).
        Assert.Contains(submissions, s => s.Contains("--dependency=afterok:") && s.EndsWith("official_generate_disgust.sh"));

        // Run again: only what is not recorded is submitted, and the numbers are the sequential run's.
        int before = submissions.Length;
        Assert.Equal(0, Run(Experiment(slurm, "--executor", "slurm", "--cpus-per-task", "1", "--partition", "cpu", "--time", "0:10:00")));
        var again = File.ReadAllLines(folder.File("bin/sbatch.log")).Skip(before).ToList();
        Assert.DoesNotContain(again, s => s.EndsWith("official_classifier_seed0_real.sh"));
        Assert.Contains(again, s => s.EndsWith("official_gan_neutral2disgust.sh"));
        Assert.Equal(WorkerPoolTests.Comparable(sequential), WorkerPoolTests.Comparable(slurm));
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("PATH", path);
        folder.Dispose();
    }
}
