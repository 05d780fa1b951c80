using EmoAug.Data;
using EmoAug.Experiments;
using EmoAug.Generators;
using EmoAug.Generators.CycleGan;
using EmoAug.Generators.StarGan;
using EmoAug.Training;
using Xunit;

namespace EmoAug.Tests.Experiments;

/// <summary>`experiment --generator stargan`: one StarGAN per fold, its faces in the arms, judged like the CycleGAN's.</summary>
[Collection(SharedRandomGenerator.Name)]
public sealed class StarGanExperimentTests : IDisposable
{
    readonly TempFolder folder = new();

    static readonly ExperimentBudget Tiny = ExperimentTests.Tiny with
    {
        StarGan = new StarGanOptions(Iterations: 20, DecayIterations: 10, CheckpointEvery: 10, Ngf: 8, Ndf: 8, Blocks: 1,
            DiscriminatorLayers: 3, SampleCount: 4),
    };

    [Fact]
    public void OneStarGanMakesEachTargetsFacesFromTheSourceAndTheReportShowsItOnce()
    {
        var output = folder.File("experiment");
        var options = new ExperimentOptions(Data: "synthetic:size=24,train=280,val=40,test=70", OutputDirectory: output, Size: 24,
            Arms: ["baseline", "gan"], Targets: ["disgust", "happy"], Generator: "stargan", Threads: 2);
        var results = Experiment.Run(options, "test", budgetOverride: Tiny);

        var gan = Assert.Single(results.Gans);
        Assert.Equal(("stargan", 20, 280), (gan.Family, gan.Epochs, gan.SourceImages));
        Assert.True(File.Exists(gan.Checkpoint));
        Assert.Equal(["disgust", "happy"], results.Quality.Select(q => q.Target));
        Assert.All(results.Quality, q => Assert.Equal("neutral", q.Source));
        Assert.True(results.Figures.ContainsKey("gan-samples:stargan"));
        Assert.False(results.Figures.ContainsKey("gan-samples:neutral2disgust"));

        // The GAN arm added as many generated faces of each target as it has real ones, made from neutral faces.
        var ganRun = JsonLedger(output).Get<ClassifierUnit>("official/classifier/seed0/gen100");
        var counts = results.ClassCounts["train"];
        Assert.Equal(counts["disgust"], ganRun.GeneratedAdded["disgust"]);
        Assert.Equal(counts["happy"], ganRun.GeneratedAdded["happy"]);
        var manifest = File.ReadAllLines(Path.Combine(output, "units", "official", "generated-happy", FaceGeneration.ManifestName));
        Assert.True(manifest.Length > 1);
        Assert.Contains("neutral", manifest[1]);

        var markdown = File.ReadAllText(Path.Combine(output, ExperimentReport.MarkdownName));
        Assert.Contains("StarGAN after its last iteration", markdown);
        Assert.Contains("Δ happy recall", markdown);
    }

    static UnitLedger JsonLedger(string output) => UnitLedger.Open(output);

    public void Dispose() => folder.Dispose();
}
