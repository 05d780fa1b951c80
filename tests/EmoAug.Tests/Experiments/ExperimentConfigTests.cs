using EmoAug.Cli;
using EmoAug.Generators;
using Xunit;

namespace EmoAug.Tests.Experiments;

// Console.Error is process-wide: run alone so that no other test's message lands in the captured one.
[Collection(SharedRandomGenerator.Name)]
public class ExperimentConfigTests
{
    [Theory]
    [InlineData("\"arm\": [\"baseline\"]", "unknown key 'arm' (did you mean 'arms'?)")]
    [InlineData("\"model\": \"vgg\"", "key 'model' is now 'network' (as the option --network)")]
    public void AnUnknownOrRenamedKeyInAConfigFileIsAnErrorNamingTheKeyToWrite(string entry, string message)
    {
        using var folder = new TempFolder();
        var config = folder.File("experiment.json");
        File.WriteAllText(config, $$"""{"seeds": 1, {{entry}}}""");
        var output = folder.File("run");
        var (code, error) = Run(["experiment", "--data", "synthetic", "--out", output, "--config", config]);
        Assert.Equal(2, code);
        Assert.Equal($"error: --config {config}: {message}", error);
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
        string[] args = from == "option"
            ? ["experiment", "--data", "synthetic", "--out", output, "--device", "tpu"]
            : ["experiment", "--data", "synthetic", "--out", output, "--config", config];
        var (code, error) = Run(args);
        Assert.Equal(2, code);
        Assert.Equal("error: --device tpu: unknown; choose cpu, cuda or cuda:N", error);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void ASwitchGivenOnTheCommandLineTurnsOffTheConfigFilesTrue()
    {
        using var folder = new TempFolder();
        var config = folder.File("experiment.json");
        File.WriteAllText(config, """{"seeds": 1, "extra_conv": true, "arms": ["baseline"], "epochs": 1, "max_folds": 1}""");
        string ExtraConvRecorded(string output, params string[] more)
        {
            var (code, error) = Run(["experiment", "--data", "synthetic:size=24,train=140,val=35,test=35", "--size", "24", "--out", output,
                "--config", config, "--threads", "1", .. more]);
            Assert.True(code == 0, error);
            var settings = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(output, "settings.json")))!;
            return settings["classifier"]?["model_options"]?["extra_conv"]?.ToJsonString() ?? "absent";
        }
        Assert.Equal("true", ExtraConvRecorded(folder.File("from-file")));
        Assert.Equal("absent", ExtraConvRecorded(folder.File("switched-off"), "--extra-conv", "false"));
    }

    [Fact]
    public void KeysAreTheOptionsLongNames_OutSourceAndLrToo()
    {
        using var folder = new TempFolder();
        var output = folder.File("run");
        var config = folder.File("experiment.json");
        var keys = new System.Text.Json.Nodes.JsonObject
        {
            ["data"] = "synthetic:size=24,train=140,val=35,test=35", ["size"] = 24, ["out"] = output,
            ["source"] = new System.Text.Json.Nodes.JsonArray("sad"), ["lr"] = 0.0005, ["seeds"] = 1,
            ["arms"] = new System.Text.Json.Nodes.JsonArray("baseline"), ["epochs"] = 1, ["max_folds"] = 1, ["threads"] = 1,
        };
        File.WriteAllText(config, keys.ToJsonString());
        var (code, error) = Run(["experiment", "--config", config]);
        Assert.True(code == 0, error);
        var settings = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(output, "settings.json")))!;
        Assert.Equal(0.0005, settings["classifier"]!["learning_rate"]!.GetValue<double>());
        Assert.Contains("sad", settings["source"]!.ToJsonString());

        File.WriteAllText(config, """{"lr": 0.0005, "learning_rate": 0.001}""");
        (code, error) = Run(["experiment", "--data", "synthetic", "--out", folder.File("both"), "--config", config]);
        Assert.Equal(2, code);
        Assert.Equal($"error: --config {config}: 'lr' and 'learning_rate' are one setting: give one", error);
    }

    [Fact]
    public void AnUnknownGeneratorIsRefusedNamingTheChoices_OnTheCommandLineInAConfigFileAndInTrainGan()
    {
        using var folder = new TempFolder();
        var output = folder.File("run");
        var config = folder.File("experiment.json");
        File.WriteAllText(config, """{"generator": "pix2pix"}""");
        string data = "synthetic:train=100,val=20,test=20";
        foreach (var args in new[]
        {
            new[] { "experiment", "--data", data, "--out", output, "--generator", "pix2pix" },
            ["experiment", "--data", data, "--out", output, "--config", config],
            ["train-gan", "--data", data, "--out", output, "--generator", "pix2pix"],
        })
        {
            var (code, error) = Run(args);
            Assert.Equal(2, code);
            Assert.Contains("pix2pix", error);
            Assert.Contains("cyclegan, stargan", error);
            Assert.DoesNotContain("\n", error);
        }
        Assert.False(Directory.Exists(output));
        // The names files always held still read.
        Assert.Equal(GeneratorFamily.StarGan, ClosedSet.Parse<GeneratorFamily>("StarGAN", "--generator"));
        Assert.Equal("stargan", ClosedSet.Name(GeneratorFamily.StarGan));
    }

    /// <summary>The exit code and what the command wrote on stderr.</summary>
    static (int Code, string Error) Run(string[] args)
    {
        var error = new StringWriter();
        var saved = Console.Error;
        Console.SetError(error);
        try
        {
            return (CommandRunner.Run(EmoAugCommands.Root(), args), error.ToString().Trim());
        }
        finally
        {
            Console.SetError(saved);
        }
    }
}
