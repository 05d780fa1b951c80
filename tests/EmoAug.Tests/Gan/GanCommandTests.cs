using System.CommandLine;
using EmoAug.Cli;
using EmoAug.Cli.Commands;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;

namespace EmoAug.Tests.Gan;

public class GanCommandTests
{
    static int Run(params string[] args) => CommandRunner.Run(EmoAugCommands.Root(), args);

    [Fact]
    public void TrainGanRefusesATestSplitWithExitCode2AndWritesNothing()
    {
        using var folder = new TempFolder();
        var output = Path.Combine(folder.Path, "run");
        Assert.Equal(2, Run("train-gan", "--data", "synthetic", "--from", "neutral", "--to", "disgust",
            "--out", output, "--split", "test"));
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void ResumeFollowsTrainClassifiersRule_AFreshFolderStartsAndAChangedOptionIsRefusedNamingIt()
    {
        using var folder = new TempFolder();
        const string data = "synthetic:size=16,train=120,val=10,test=10";
        string[] Cycle(string output, params string[] more) => ["train-gan", "--data", data, "--size", "16", "--from", "neutral", "--to", "happy",
            "--out", output, "--ngf", "4", "--ndf", "4", "--blocks", "1", "--d-layers", "2", "--threads", "1", .. more];
        // A discriminator too deep for the faces is refused naming --d-layers (it used to fail inside LibTorch).
        Assert.Equal(2, Run(Cycle(folder.File("deep"), "--epochs", "1", "--decay-epochs", "1").Select(a => a == "2" ? "3" : a).ToArray()));
        Assert.False(File.Exists(Path.Combine(folder.File("deep"), "cyclegan.ckpt")));
        // --resume on a folder without a checkpoint starts the run.
        var cycle = folder.File("cycle");
        Assert.Equal(0, Run(Cycle(cycle, "--epochs", "1", "--decay-epochs", "1", "--resume")));
        Assert.True(File.Exists(Path.Combine(cycle, "cyclegan.ckpt")));
        // A changed option is refused (it used to be ignored), before anything else is said about the run.
        Assert.Equal(2, Run(Cycle(cycle, "--epochs", "3", "--decay-epochs", "1", "--resume")));
        Assert.Equal(2, Run(Cycle(cycle, "--epochs", "1", "--decay-epochs", "1", "--resume").Select(a => a == "happy" ? "sad" : a).ToArray()));

        string[] Star(string output, params string[] more) => ["train-gan", "--generator", "stargan", "--data", data, "--size", "16",
            "--out", output, "--ngf", "4", "--ndf", "4", "--blocks", "1", "--d-layers", "3", "--checkpoint-every", "1", "--threads", "1", .. more];
        var star = folder.File("star");
        Assert.Equal(0, Run(Star(star, "--iterations", "1", "--resume")));
        Assert.Equal(2, Run(Star(star, "--iterations", "2", "--resume")));
        Assert.Equal(2, Run(Star(star, "--iterations", "1", "--resume", "--attention")));
        Assert.True(File.Exists(Path.Combine(star, "stargan.ckpt")));
    }

    [Fact]
    public void TrainGanEpochsCountEveryEpochAsTrainClassifiersDo_TheLastHalfDecayingUnlessSaidOtherwise()
    {
        using var folder = new TempFolder();
        string[] Cycle(string output, params string[] more) => ["train-gan", "--data", "synthetic:size=16,train=120,val=10,test=10", "--size", "16",
            "--from", "neutral", "--to", "happy", "--out", output, "--ngf", "4", "--ndf", "4", "--blocks", "1", "--d-layers", "2", "--threads", "1", .. more];
        var halves = folder.File("halves");
        Assert.Equal(0, Run(Cycle(halves, "--epochs", "3")));
        var header = EmoAug.Generators.CycleGan.CycleGanCheckpoint.ReadHeader(Path.Combine(halves, "cyclegan.ckpt"));
        Assert.Equal((3, 2, 1, 3), (header.CompletedEpochs, header.Options.Epochs, header.Options.DecayEpochs, header.History.Count));
        var constant = folder.File("constant");
        Assert.Equal(0, Run(Cycle(constant, "--epochs", "2", "--decay-epochs", "0")));
        header = EmoAug.Generators.CycleGan.CycleGanCheckpoint.ReadHeader(Path.Combine(constant, "cyclegan.ckpt"));
        Assert.Equal((2, 2, 0), (header.CompletedEpochs, header.Options.Epochs, header.Options.DecayEpochs));
        Assert.Equal(2, Run(Cycle(folder.File("more-decay"), "--epochs", "2", "--decay-epochs", "3")));
        Assert.Equal(2, Run(Cycle(folder.File("none"), "--epochs", "0")));
        Assert.False(Directory.Exists(folder.File("more-decay")));
    }

    [Fact]
    public void GenerateWithoutACheckpointIsAUserError()
    {
        using var folder = new TempFolder();
        Assert.Equal(2, Run("generate", "--gan", Path.Combine(folder.Path, "missing"), "--data", "synthetic",
            "--out", Path.Combine(folder.Path, "gen")));
        Assert.False(Directory.Exists(Path.Combine(folder.Path, "gen")));
    }

    [Fact]
    public void TrainGanPassesInitFromOn_AMissingGanIsAUserErrorAndNothingIsWritten()
    {
        using var folder = new TempFolder();
        var output = Path.Combine(folder.Path, "run");
        // Were --init-from not handed to the trainer, this tiny run would train and exit 0.
        Assert.Equal(2, Run("train-gan", "--data", "synthetic:train=100,val=10,test=10", "--from", "neutral", "--to", "happy",
            "--out", output, "--ngf", "4", "--ndf", "4", "--blocks", "1", "--epochs", "1", "--decay-epochs", "0",
            "--init-from", Path.Combine(folder.Path, "no-gan")));
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void ExperimentPassesGanInitFromOn_AMissingGanIsAUserErrorAndNothingIsWritten()
    {
        using var folder = new TempFolder();
        var output = Path.Combine(folder.Path, "experiment");
        // Were --gan-init-from not handed to the runner, this run would train its own GAN and exit 0 (slowly).
        Assert.Equal(2, Run("experiment", "--data", "synthetic:train=100,val=20,test=20", "--out", output,
            "--arms", "baseline", "gan", "--epochs", "1", "--gan-epochs", "1", "--gan-init-from", Path.Combine(folder.Path, "no-gan")));
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void ExperimentPassesExcludeListOn_AMissingListIsAUserErrorAndNothingIsWritten()
    {
        using var folder = new TempFolder();
        var output = Path.Combine(folder.Path, "experiment");
        Directory.CreateDirectory(Path.Combine(folder.Path, "faces", "happy"));
        Directory.CreateDirectory(Path.Combine(folder.Path, "faces", "sad"));
        foreach (var (name, value) in new[] { ("happy/a.png", 10), ("happy/b.png", 20), ("sad/c.png", 30), ("sad/d.png", 40) })
        {
            using var image = new Image<L8>(48, 48, new((byte)value));
            image.Save(Path.Combine(folder.Path, "faces", name));
        }
        // Were --exclude-list not handed to the loader, this run would train a classifier and exit 0.
        Assert.Equal(2, Run("experiment", "--data", Path.Combine(folder.Path, "faces"), "--out", output, "--arms", "baseline",
            "--epochs", "1", "--exclude-list", Path.Combine(folder.Path, "no-list.txt")));
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void TrainClassifierPassesInitFromOn_AMissingClassifierIsAUserErrorAndNothingIsWritten()
    {
        using var folder = new TempFolder();
        var output = Path.Combine(folder.Path, "run");
        Assert.Equal(2, Run("train-classifier", "--paper", "--data", "synthetic:train=100,val=10,test=10", "--out", output,
            "--epochs", "1", "--size", "24", "--init-from", Path.Combine(folder.Path, "no-classifier")));
        Assert.False(File.Exists(Path.Combine(output, "last.ckpt")));
    }
}
