using EmoAug.Cli;
using EmoAug.Data;
using EmoAug.Generators.StarGan;
using Xunit;

namespace EmoAug.Tests.StarGan;

/// <summary>A tiny StarGAN on the synthetic faces: what a run writes, exact resumption, and damaged checkpoints.</summary>
[Collection(SharedRandomGenerator.Name)]
public class StarGanTrainerTests
{
    const string Data = "synthetic:size=32,train=300,val=20,test=20";

    static StarGanOptions Tiny(string? precision = null) => new(Iterations: 4, DecayIterations: 2, CheckpointEvery: 2, BatchSize: 4,
        Ngf: 8, Ndf: 8, Blocks: 1, DiscriminatorLayers: 3, SampleCount: 3, Threads: 1, Precision: precision);

    [Fact]
    public void ARunWritesItsGridsLossesAndCheckpointAndAResumedRunRepeatsTheUninterruptedOne()
    {
        using var folder = new TempFolder();
        using var data = DatasetLoader.Load(Data, new LoadOptions(Size: 32));
        var whole = folder.File("whole");
        using (var trainer = new StarGanTrainer(data, Tiny(), whole))
        {
            trainer.Train();
            Assert.Equal(4, trainer.CompletedIterations);
            Assert.Equal(2, trainer.History.Count);
            Assert.All(trainer.History, h => Assert.True(double.IsFinite(h.MeanLosses.Generator) && h.MeanLosses.Reconstruction > 0));
        }
        Assert.True(File.Exists(Path.Combine(whole, "samples", "iter_000002.png")));
        Assert.True(File.Exists(Path.Combine(whole, "samples", "iter_000004.png")));
        Assert.Equal(3, File.ReadAllLines(Path.Combine(whole, "losses.csv")).Length);

        var parted = folder.File("parted");
        using (var trainer = new StarGanTrainer(data, Tiny(), parted)) trainer.Train(maxIntervals: 1);
        using (var resumed = StarGanTrainer.Resume(data, parted))
        {
            Assert.Equal(2, resumed.CompletedIterations);
            resumed.Train();
        }
        Assert.Equal(Losses(whole), Losses(parted));
        var header = StarGanCheckpoint.ReadHeader(Path.Combine(parted, StarGanCheckpoint.FileName));
        Assert.Equal(4, header.CompletedIterations);
        Assert.Equal(data.ClassNames, header.ClassNames);
    }

    /// <summary>losses.csv without its seconds column (the only one that may differ).</summary>
    static string[] Losses(string run) => File.ReadAllLines(Path.Combine(run, "losses.csv"))
        .Select(line => string.Join(',', line.Split(',').Where((_, i) => i != 4))).ToArray();

    [Fact]
    public void AFlippedByteAnywhereInTheCheckpointIsRefusedNamingTheFile()
    {
        using var folder = new TempFolder();
        using var data = DatasetLoader.Load(Data, new LoadOptions(Size: 32));
        var run = folder.File("run");
        using (var trainer = new StarGanTrainer(data, Tiny() with { Iterations = 2, DecayIterations = 0 }, run)) trainer.Train();
        var path = Path.Combine(run, StarGanCheckpoint.FileName);
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(path, bytes);
        var error = Assert.Throws<EmoAugException>(() => StarGanTrainer.Resume(data, run));
        Assert.Contains(path, error.Message);
        Assert.Contains("damaged", error.Message);
        Assert.Equal(2, CommandRunner.Run(EmoAugCommands.Root(),
            ["generate", "--gan", run, "--data", Data, "--size", "32", "--to", "disgust", "--out", folder.File("gen")]));
        Assert.False(Directory.Exists(folder.File("gen")));
    }

    [Fact]
    public void BFloat16TrainingRunsWithFiniteLosses()
    {
        using var folder = new TempFolder();
        using var data = DatasetLoader.Load(Data, new LoadOptions(Size: 32));
        using var trainer = new StarGanTrainer(data, Tiny("bfloat16") with { Iterations = 2, DecayIterations = 0 }, folder.File("run"));
        trainer.Train();
        Assert.True(double.IsFinite(trainer.History[0].MeanLosses.Generator));
        Assert.Equal("bfloat16", StarGanCheckpoint.ReadHeader(trainer.CheckpointPath).Options.Precision);
    }
}
