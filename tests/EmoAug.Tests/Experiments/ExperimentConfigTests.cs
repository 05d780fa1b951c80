using EmoAug.Cli;
using Xunit;

namespace EmoAug.Tests.Experiments;

// Console.Error is process-wide: run alone so that no other test's message lands in the captured one.
[Collection(SharedRandomGenerator.Name)]
public class ExperimentConfigTests
{
    [Fact]
    public void AnUnknownKeyInAConfigFileIsAnErrorNamingTheClosestKnownOne()
    {
        using var folder = new TempFolder();
        var config = folder.File("experiment.json");
        File.WriteAllText(config, """{"seeds": 1, "arm": ["baseline"]}""");
        var output = folder.File("run");
        var error = new StringWriter();
        var saved = Console.Error;
        Console.SetError(error);
        try
        {
            Assert.Equal(2, CommandRunner.Run(EmoAugCommands.Root(), ["experiment", "--data", "synthetic", "--out", output, "--config", config]));
        }
        finally
        {
            Console.SetError(saved);
        }
        Assert.Equal($"error: --config {config}: unknown key 'arm' (did you mean 'arms'?)", error.ToString().Trim());
        Assert.False(Directory.Exists(output));
    }

    [Theory]
    [InlineData("option")]
    [InlineData("config")]
    public void AnUnknownDeviceIsRefusedBeforeAnythingIsWritten(string from)
    {
        // --device is the experiment's and the demo's as every other command's; from the command line or the config file.
        using var folder = new TempFolder();
        var config = folder.File("experiment.json");
        File.WriteAllText(config, """{"seeds": 1, "device": "tpu"}""");
        var output = folder.File("run");
        var error = new StringWriter();
        var saved = Console.Error;
        Console.SetError(error);
        try
        {
            string[] args = from == "option"
                ? ["experiment", "--data", "synthetic", "--out", output, "--device", "tpu"]
                : ["experiment", "--data", "synthetic", "--out", output, "--config", config];
            Assert.Equal(2, CommandRunner.Run(EmoAugCommands.Root(), args));
        }
        finally
        {
            Console.SetError(saved);
        }
        Assert.Equal("error: --device tpu: unknown; choose cpu, cuda or cuda:N", error.ToString().Trim());
        Assert.False(Directory.Exists(output));
    }
}
