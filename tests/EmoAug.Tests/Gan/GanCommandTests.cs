using System.CommandLine;
using EmoAug.Cli;
using EmoAug.Cli.Commands;
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
    public void GenerateWithoutACheckpointIsAUserError()
    {
        using var folder = new TempFolder();
        Assert.Equal(2, Run("generate", "--gan", Path.Combine(folder.Path, "missing"), "--data", "synthetic",
            "--out", Path.Combine(folder.Path, "gen")));
        Assert.False(Directory.Exists(Path.Combine(folder.Path, "gen")));
    }
}
