using System.Text.Json;
using EmoAug.Cli;
using EmoAug.Experiments;
using EmoAug.Models;
using EmoAug.Training;
using Xunit;

namespace EmoAug.Tests;

// Console.Error is process-wide: run alone so that no other test's message lands in the captured one.
[Collection(SharedRandomGenerator.Name)]
public class ClosedSetTests
{
    [Fact]
    public void ChoicesAreNamedAsTheCommandLineAndTheFilesAlwaysSpelledThem()
    {
        Assert.Equal(["paper-cnn", "vgg"], ClosedSet.Names<ClassifierNetwork>());
        Assert.Equal(["adam", "sgd"], ClosedSet.Names<ClassifierOptimizer>());
        Assert.Equal(["cosine", "step", "constant"], ClosedSet.Names<LearningRateSchedule>());
        Assert.Equal(["macro-f1", "accuracy"], ClosedSet.Names<SelectionScore>());
        Assert.Equal(ClassifierNetwork.Vgg, ClosedSet.Parse<ClassifierNetwork>("VGG", "--network"));
        var unknown = Assert.Throws<EmoAugException>(() => ClosedSet.Parse<ClassifierNetwork>("resnet9000", "--network"));
        Assert.Equal("--network resnet9000: unknown; choose paper-cnn, vgg", unknown.Message);
    }

    [Fact]
    public void FilesWrittenWhenTheChoicesWereStringsStillLoadAndAreWrittenTheSame()
    {
        // As a checkpoint header and an experiment's settings.json recorded a classifier's options before 2026-12-03.
        const string before = """{"model":"vgg","epochs":3,"optimizer":"sgd","schedule":"step","select_by":"accuracy"}""";
        var options = JsonSerializer.Deserialize<ClassifierOptions>(before, ExperimentJson.Options)!;
        Assert.Equal((ClassifierNetwork.Vgg, ClassifierOptimizer.Sgd, LearningRateSchedule.Step, SelectionScore.Accuracy),
            (options.Model, options.Optimizer, options.Schedule, options.SelectBy));
        var written = JsonSerializer.Serialize(new ClassifierOptions(), ExperimentJson.Options);
        Assert.Contains("\"model\":\"paper-cnn\"", written.Replace(" ", "").Replace("\n", ""));
        Assert.Contains("\"select_by\":\"macro-f1\"", written.Replace(" ", "").Replace("\n", ""));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ClassifierOptions>("""{"model":"resnet"}""", ExperimentJson.Options));
    }

    [Theory]
    [InlineData("--optimizer", "rmsprop", "adam, sgd")]
    [InlineData("--schedule", "linear", "cosine, step, constant")]
    [InlineData("--select-by", "loss", "macro-f1, accuracy")]
    [InlineData("--network", "resnet", "paper-cnn, vgg")]
    public void AnUnknownChoiceOnTheCommandLineNamesTheOptionAndItsChoices(string option, string value, string choices)
    {
        using var folder = new TempFolder();
        var error = new StringWriter();
        var saved = Console.Error;
        Console.SetError(error);
        int code;
        try
        {
            code = CommandRunner.Run(EmoAugCommands.Root(), ["train-classifier", "--data", "synthetic", "--out", folder.File("run"), option, value]);
        }
        finally
        {
            Console.SetError(saved);
        }
        Assert.Equal(2, code);
        Assert.Equal($"error: {option} {value}: unknown; choose {choices}", error.ToString().Trim());
        Assert.False(Directory.Exists(folder.File("run")));
    }
}
