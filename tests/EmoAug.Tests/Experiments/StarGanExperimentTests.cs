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
        GanTrainFacesPerClass = 30,
    };

    [Fact]
    public void OneStarGanMakesEachTargetsFacesFromTheSourceAndTheReportShowsItOnce()
    {
        var output = folder.File("experiment");
        var options = new ExperimentOptions(Data: "synthetic:size=24,train=280,val=40,test=70", OutputDirectory: output, Size: 24,
            Arms: ["baseline", "gan"], Targets: ["disgust", "happy"], Generator: GeneratorFamily.StarGan, Threads: 2);
        var results = Experiment.Run(options, "test", budgetOverride: Tiny);

        var gan = Assert.Single(results.Gans);
        Assert.Equal((GeneratorFamily.StarGan, 20, 280), (gan.Family, gan.Epochs, gan.SourceImages));
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

        // GAN-train: the baseline's classifier on the StarGAN's faces of every class alone, and on as many real faces.
        var ganTrain = Assert.Single(results.GanTrain!);
        Assert.Equal(("official", 30, 70),
            (ganTrain.Fold, ganTrain.Report.FacesPerClass, ganTrain.Report.ScoredCount));
        Assert.Equal(results.ClassNames.Order(), ganTrain.Report.GanTrain.Recall.Keys.Order());
        Assert.InRange(ganTrain.Report.RealTrain.Accuracy, 0, 1);
        Assert.Contains("GAN-train (Shmelkov", markdown);
    }

    [Fact]
    public void AStarGanTrainedBeforehandServesEveryFoldAsItIs_AndWhatDoesNotFitIsRefused()
    {
        // A StarGAN of one synthetic set makes the faces of another (as FER2013's makes JAFFE's).
        var gan = folder.File("stargan");
        using (var larger = DatasetLoader.Load("synthetic:size=24,train=280,val=20,test=20,seed=5", new LoadOptions(Size: 24)))
        using (var trainer = new StarGanTrainer(larger, Tiny.StarGan!, gan))
            trainer.Train();
        var output = folder.File("experiment");
        var options = new ExperimentOptions(Data: "synthetic:size=24,train=140,val=40,test=70", OutputDirectory: output, Size: 24,
            Arms: ["baseline", "gan"], Targets: ["disgust", "happy"], Generator: GeneratorFamily.StarGan,
            Gans: new GanSource.UseAsIs([gan]), Threads: 2);
        var results = Experiment.Run(options, "test", budgetOverride: Tiny);

        var used = Assert.Single(results.Gans);
        Assert.Equal((GeneratorFamily.StarGan, true, 20, Path.Combine(gan, StarGanCheckpoint.FileName)),
            (used.Family, used.Pretrained, used.Epochs, used.Checkpoint));
        Assert.True(File.Exists(used.SampleGrid));
        Assert.False(Directory.Exists(Path.Combine(output, "units", "official", "stargan"))); // nothing trained here
        Assert.Equal(["disgust", "happy"], results.Quality.Select(q => q.Target));
        var manifest = File.ReadAllLines(Path.Combine(output, "units", "official", "generated-disgust", FaceGeneration.ManifestName));
        Assert.Contains(Path.Combine(gan, StarGanCheckpoint.FileName), manifest[1]);
        Assert.Contains("a StarGAN of every class, 20 iterations", File.ReadAllText(Path.Combine(output, ExperimentReport.MarkdownName)));

        var summary = ExperimentPlannerTests.Summary();
        string Refused(ExperimentOptions o) => Assert.Throws<EmoAugException>(() => EmoAug.Experiments.Planning.ExperimentPlanner.Plan(
            o with { Data = "faces", OutputDirectory = folder.File("refused") }, ExperimentBudget.Named(BudgetName.Quick), summary)).Message;
        Assert.StartsWith($"--gan-from {gan}: a StarGAN; add --generator stargan", Refused(options with { Generator = null, Size = 48 }));
        Assert.StartsWith($"--gan-from {gan}: trained on 24x24 faces", Refused(options with { Size = 48 }));
        Assert.StartsWith("--gan-from: one StarGAN makes every target; 2 were given", Refused(options with { Gans = new GanSource.UseAsIs([gan, gan]) }));
        Assert.StartsWith("--gan-iterations: the length of the StarGAN a fold trains", Refused(options with { GanIterations = 5 }));
    }

    static UnitLedger JsonLedger(string output) => UnitLedger.Open(output);

    public void Dispose() => folder.Dispose();
}
