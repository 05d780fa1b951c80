using EmoAug.Cli;
using EmoAug.Generators;
using EmoAug.Generators.CycleGan;
using EmoAug.Training;
using System.Text.Json.Nodes;
using Xunit;

namespace EmoAug.Tests.StarGan;

/// <summary>`train-gan --generator stargan`, then `generate` and `gan-quality` on its checkpoint, end to end.</summary>
public class StarGanCommandTests
{
    const string Data = "synthetic:size=32,train=300,val=40,test=40";

    static int Run(params string[] args) => CommandRunner.Run(EmoAugCommands.Root(), args);

    [Fact]
    public void OneGeneratorServesEveryTargetInGenerateAndGanQuality()
    {
        using var folder = new TempFolder();
        var gan = folder.File("gan");
        Assert.Equal(0, Run("train-gan", "--generator", "stargan", "--data", Data, "--size", "32", "--out", gan, "--iterations", "2",
            "--checkpoint-every", "2", "--batch-size", "4", "--ngf", "8", "--ndf", "8", "--blocks", "1", "--d-layers", "3", "--threads", "1"));
        // A CycleGAN's option is refused naming it, and a second run into the same folder is refused.
        Assert.Equal(2, Run("train-gan", "--generator", "stargan", "--data", Data, "--size", "32", "--out", folder.File("other"), "--epochs", "3"));
        Assert.Equal(2, Run("train-gan", "--generator", "stargan", "--data", Data, "--size", "32", "--out", gan, "--iterations", "2"));

        var generated = folder.File("generated");
        Assert.Equal(0, Run("generate", "--gan", gan, "--data", Data, "--size", "32", "--to", "disgust", "--count", "6", "--out", generated, "--threads", "1"));
        Assert.Equal(0, Run("generate", "--gan", gan, "--data", Data, "--size", "32", "--from", "any", "--to", "happy", "--count", "5", "--out", generated, "--threads", "1"));
        Assert.Equal(6, Directory.GetFiles(Path.Combine(generated, "disgust"), "neutral2disgust_*.png").Length);
        Assert.Equal(5, Directory.GetFiles(Path.Combine(generated, "happy"), "any2happy_*.png").Length);
        var manifest = File.ReadAllLines(Path.Combine(generated, FaceGeneration.ManifestName)).Skip(1).ToList();
        Assert.Equal(11, manifest.Count);
        Assert.All(manifest.Where(r => r.Contains("any2happy")), r => Assert.DoesNotContain(",happy,", r.Split(',', 4)[3]));
        // The same generation again with a smaller --count replaces the earlier one whole (no faces past the count stay),
        // and a stale partial folder of a killed generation is cleared; nothing partial is left beside the faces.
        var stale = Path.Combine(generated, ".generated.disgust.neutral2disgust_s0.partial");
        Directory.CreateDirectory(stale);
        File.WriteAllText(Path.Combine(stale, "neutral2disgust_s0_00099.png"), "half");
        Assert.Equal(0, Run("generate", "--gan", gan, "--data", Data, "--size", "32", "--to", "disgust", "--count", "3", "--out", generated, "--threads", "1"));
        Assert.Equal(3, Directory.GetFiles(Path.Combine(generated, "disgust"), "neutral2disgust_*.png").Length);
        Assert.Equal(3 + 5, File.ReadAllLines(Path.Combine(generated, FaceGeneration.ManifestName)).Length - 1);
        Assert.Empty(Directory.GetDirectories(generated, "*.partial", SearchOption.AllDirectories));
        Assert.Equal(["disgust", "happy"], Directory.GetDirectories(generated).Select(Path.GetFileName).Order());
        // A StarGAN needs a target; a class it lacks is named.
        Assert.Equal(2, Run("generate", "--gan", gan, "--data", Data, "--size", "32", "--out", folder.File("none")));
        Assert.Equal(2, Run("generate", "--gan", gan, "--data", Data, "--size", "32", "--to", "contempt", "--out", folder.File("none")));
        Assert.False(Directory.Exists(folder.File("none")));
        // A count whose faces could not fit in memory is refused at once, before anything is made.
        Assert.Equal(2, Run("generate", "--gan", gan, "--data", Data, "--size", "32", "--to", "disgust", "--count", "2000000000", "--out", folder.File("huge")));
        Assert.False(Directory.Exists(folder.File("huge")));
        File.WriteAllText(folder.File("a-file"), "keep");
        Assert.Equal(2, Run("generate", "--gan", gan, "--data", Data, "--size", "32", "--to", "disgust", "--count", "2", "--out", folder.File("a-file")));
        Assert.Equal("keep", File.ReadAllText(folder.File("a-file")));

        var judgeA = folder.File("judge-a");
        var judgeB = folder.File("judge-b");
        Assert.Equal(0, Run("train-classifier", "--paper", "--data", Data, "--size", "32", "--out", judgeA, "--epochs", "1", "--threads", "1"));
        Assert.Equal(0, Run("train-classifier", "--data", Data, "--size", "32", "--out", judgeB, "--epochs", "1", "--threads", "1", "--network", "vgg", "--seed", "5"));
        var json = folder.File("quality.json");
        Assert.Equal(0, Run("gan-quality", "--gan", gan, "--classifier", judgeA, judgeB, "--data", Data, "--to", "disgust", "neutral",
            "--count", "8", "--out", json, "--threads", "1"));
        var document = JsonNode.Parse(File.ReadAllText(json))!.AsObject();
        Assert.Equal("stargan", document["family"]!.GetValue<string>());
        var reports = document["reports"]!.AsArray();
        Assert.Equal(4, reports.Count); // two targets, two judges each
        Assert.Equal(["disgust", "disgust", "neutral", "neutral"], reports.Select(r => r!["target_class"]!.GetValue<string>()));
        Assert.Equal(["neutral", "neutral", "any", "any"], reports.Select(r => r!["source_class"]!.GetValue<string>()));
        Assert.All(reports, r =>
        {
            Assert.Equal(8, r!["generated"]!.GetValue<int>());
            Assert.InRange(r["gan_test"]!.GetValue<double>(), 0, 1);
            Assert.True(r["kid"]!["standard_error"]!.GetValue<double>() >= 0);
        });
        Assert.NotEqual(reports[0]!["judge"]!.GetValue<string>(), reports[1]!["judge"]!.GetValue<string>());

        // GAN-train: a classifier of generated faces alone, of every class, beside one of as many real faces.
        Assert.Equal(2, Run("gan-quality", "--gan", gan, "--classifier", judgeA, "--data", Data, "--gan-train-count", "6", "--out", json));
        Assert.Equal(0, Run("gan-quality", "--gan", gan, "--classifier", judgeA, "--data", Data, "--to", "disgust", "--count", "8",
            "--gan-train", "--gan-train-count", "6", "--gan-train-epochs", "1", "--out", json, "--threads", "1"));
        var ganTrain = JsonNode.Parse(File.ReadAllText(json))!["gan_train"]!;
        Assert.Equal(6, ganTrain["faces_per_class"]!.GetValue<int>());
        Assert.Equal("test", ganTrain["scored_on"]!.GetValue<string>());
        Assert.Equal(40, ganTrain["scored_count"]!.GetValue<int>());
        foreach (var arm in new[] { "gan_train", "real_train" })
        {
            Assert.InRange(ganTrain[arm]!["accuracy"]!.GetValue<double>(), 0, 1);
            Assert.Equal(7, ganTrain[arm]!["recall"]!.AsObject().Count);
        }
    }
}
