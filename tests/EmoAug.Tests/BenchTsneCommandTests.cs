using EmoAug.Cli;
using Xunit;

namespace EmoAug.Tests;

public class BenchTsneCommandTests
{
    static int Run(params string[] args) => CommandRunner.Run(EmoAugCommands.Root(), ["bench-tsne", .. args]);

    [Fact]
    public void RunsOnATinyProblem() =>
        Assert.Equal(0, Run("--points", "60", "--dims", "10", "--clusters", "3", "--iterations", "20", "--repeats", "1"));

    [Fact]
    public void BadSizesAreUserErrors()
    {
        Assert.Equal(2, Run("--points", "1"));
        Assert.Equal(2, Run("--points", "10", "--clusters", "11"));
    }
}
