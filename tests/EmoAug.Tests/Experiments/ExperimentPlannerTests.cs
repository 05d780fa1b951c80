using EmoAug.Generators;
using System.Text.Json;
using EmoAug.Data;
using EmoAug.Experiments;
using EmoAug.Experiments.Planning;
using Xunit;

namespace EmoAug.Tests.Experiments;

/// <summary>Plans made from a dataset's summary alone: nothing trains, nothing is written.</summary>
public class ExperimentPlannerTests
{
    /// <summary>Seven classes; per class 20 training faces (disgust 4) and 5 test faces; no pixels.</summary>
    internal static DatasetSummary Summary()
    {
        var samples = new List<FaceSample>();
        var labels = new List<long>();
        for (int c = 0; c < 7; c++)
        {
            int train = c == EmotionVocabulary.Disgust ? 4 : 20;
            for (int i = 0; i < train + 5; i++)
            {
                samples.Add(new FaceSample($"{c}/{i}.png", null, i < train ? "train" : "test"));
                labels.Add(c);
            }
        }
        return new DatasetSummary("folders", EmotionVocabulary.Basic, 48, samples, labels.ToArray());
    }

    static ExperimentOptions Options(params string[] arms) =>
        new(Data: "faces", OutputDirectory: "/experiments/one", Arms: arms, Seeds: 2, Threads: 3);

    static ExperimentPlan Plan(ExperimentOptions options) =>
        ExperimentPlanner.Plan(options, ExperimentBudget.Named(BudgetName.Quick), Summary());

    [Fact]
    public void EveryUnitComesAfterWhatItNeedsWithItsOptionsResolvedAndItsIdMadeOnce()
    {
        var plan = Plan(Options("baseline", "oversample", "gan", "gan-filtered"));

        Assert.Equal("official", plan.Protocol);
        Assert.Equal(["neutral"], plan.Options.Sources!);
        Assert.Equal(["disgust"], plan.Options.Targets!);
        var gan = Assert.Single(plan.Units.OfType<GanTrainingPlan>());
        Assert.Equal("official/gan/neutral2disgust", gan.Id);
        Assert.Equal(3, gan.Options.Threads);
        Assert.Null(gan.Options.Guide);
        var generation = Assert.Single(plan.Units.OfType<GenerationPlan>());
        Assert.Equal([gan.Id], generation.DependsOn);
        // The filtered arm keeps the better half of twice as many faces as the class has real ones: 2 x 4.
        Assert.Equal(8, generation.Count);

        var runs = plan.Units.OfType<ClassifierRunPlan>().ToList();
        Assert.Equal(2 * 4, runs.Count); // two seeds, four settings; no guide, no scratch judge
        Assert.All(runs, r => Assert.Equal(r.Seed, r.Options.Seed));
        Assert.All(runs, r => Assert.Equal(3, r.Options.Threads));
        Assert.Equal(runs.Count, runs.Select(r => r.Directory).Distinct().Count());
        var filtered = runs.Single(r => r.Seed == 1 && r.Arm.FilterGenerated);
        Assert.Equal("official/classifier/seed1/real", filtered.FilterBy);
        Assert.Contains(filtered.FilterBy!, filtered.DependsOn);
        Assert.Contains(generation.Id, filtered.DependsOn);
        var ganRun = runs.Single(r => r.Seed == 0 && r.Arm.UsesGan && !r.Arm.FilterGenerated);
        Assert.Equal(4, Assert.Single(ganRun.Generated).Wanted);
        Assert.True(runs.Single(r => r.Seed == 0 && r.Arm == ArmSettings.RealOversampled).Options.Oversample);
        // Arms with generated faces take the real-only runs' steps: each epoch draws the images a baseline of that seed
        // trains on (the fold's training faces less its 10% holdout); the real-only arms keep their own count.
        var summary = Summary();
        var fold = Assert.Single(plan.Folds);
        foreach (var run in runs)
            Assert.Equal(run.Arm.UsesGan
                ? Splits.Stratified(fold.Train.Select(i => summary.Labels[i]).ToList(), 0.1, run.Seed).Keep.Length
                : null, run.Options.EpochImages);
        var byEpochs = Plan(Options("baseline", "gan") with { ArmSteps = "epochs" });
        Assert.All(byEpochs.Units.OfType<ClassifierRunPlan>(), r => Assert.Null(r.Options.EpochImages));
        Assert.StartsWith("--arm-steps fair:", Assert.Throws<EmoAugException>(() => Plan(Options("gan") with { ArmSteps = "fair" })).Message);

        // GAN-test is judged by the oversample arm's seed-0 run when that arm runs.
        var quality = Assert.Single(plan.Units.OfType<QualityPlan>());
        Assert.Equal("official/classifier/seed0/real-oversample", quality.Judge);
        Assert.Equal("official/quality/disgust/judge-real-oversample", quality.Id);

        var position = plan.Units.Select((u, i) => (u.Id, i)).ToDictionary(p => p.Id, p => p.i);
        Assert.All(plan.Units, u => Assert.All(u.DependsOn, d => Assert.True(position[d] < position[u.Id], $"{u.Id} before {d}")));
    }

    [Fact]
    public void GuidedGansNameTheirFoldsGuideBeforeAnythingTrains()
    {
        var plan = Plan(Options("baseline", "gan") with { Gans = new GanSource.Train(new GanGuide()) });
        var guide = plan.Units.OfType<ClassifierRunPlan>().Single(r => r.Role == ClassifierRole.Guide);
        Assert.Equal(ExperimentPlanner.GuideSeed, guide.Options.Seed);
        // Oversampled, so that it names the rare target at all (a baseline guide on the demo's faces: GAN-test 3.6%).
        Assert.True(guide.Options.Oversample);
        Assert.Equal(ArmSettings.RealOversampled, guide.Arm);
        var gan = Assert.Single(plan.Units.OfType<GanTrainingPlan>());
        Assert.Equal([guide.Directory], gan.Options.Guide!);
        Assert.Equal(1, gan.Options.GuideWeight);
        Assert.Equal([guide.Id], gan.DependsOn);
        gan.Options.Validate(); // valid as planned: no option is filled in later
    }

    [Theory]
    [InlineData(GeneratorFamily.CycleGan)]
    [InlineData(GeneratorFamily.StarGan)]
    public void PrecisionIsEveryNetworksTheClassifiersAndTheGenerators(GeneratorFamily generator)
    {
        var plan = Plan(Options("baseline", "gan") with { Precision = "bf16", Generator = generator });
        Assert.All(plan.Units.OfType<ClassifierRunPlan>(), run => Assert.Equal("bfloat16", run.Options.ModelOptions!.Precision));
        var precision = generator == GeneratorFamily.StarGan
            ? Assert.Single(plan.Units.OfType<StarGanTrainingPlan>()).Options.Precision
            : Assert.Single(plan.Units.OfType<GanTrainingPlan>()).Options.Precision;
        Assert.Equal("bfloat16", precision);
        Assert.Null(Assert.Single(Plan(Options("baseline", "gan")).Units.OfType<GanTrainingPlan>()).Options.Precision);
    }

    [Fact]
    public void ThePlanIsWrittenAndReadBackUnchanged()
    {
        using var folder = new TempFolder();
        var plan = Plan(Options("baseline", "gan", "sweep") with { OutputDirectory = folder.Path, Gans = new GanSource.Train(new GanGuide()) });
        plan.Save();
        var read = ExperimentPlan.Load(folder.Path);
        Assert.Equal(JsonSerializer.Serialize(plan, ExperimentJson.Options), JsonSerializer.Serialize(read, ExperimentJson.Options));
        Assert.Equal(plan.Units.Select(u => u.GetType()), read.Units.Select(u => u.GetType()));
        var missing = Assert.Throws<EmoAugException>(() => read.Unit("official/classifer/seed0/real")).Message;
        Assert.Contains("'official/classifier/seed0/real'", missing);
    }

    [Fact]
    public void OptionsThatCannotGoTogetherAreRefusedWhilePlanning()
    {
        // The generator source cannot hold a guide with given GANs, nor given and starting GANs together: the options
        // that would say so are refused as they are read.
        var guidedGiven = Assert.Throws<EmoAugException>(() => GanSource.Of(["/no/gan"], null, guide: true, guideAugment: false));
        Assert.StartsWith("--gan-guide:", guidedGiven.Message);
        var both = Assert.Throws<EmoAugException>(() => GanSource.Of(["/a"], ["/b"], guide: false, guideAugment: false));
        Assert.StartsWith("--gan-init-from:", both.Message);
        Assert.StartsWith("--gan-from /no/gan:", Assert.Throws<EmoAugException>(() =>
            Plan(Options("gan") with { Gans = new GanSource.UseAsIs(["/no/gan"]) })).Message);
        Assert.StartsWith("--seeds 0:", Assert.Throws<EmoAugException>(() => Plan(Options("gan") with { Seeds = 0 })).Message);
        Assert.StartsWith("--targets: 'neutral'", Assert.Throws<EmoAugException>(() => Plan(Options("gan") with { Targets = ["neutral"] })).Message);
    }

    [Fact]
    public void AnInvalidTrainerOptionIsRefusedNamingTheUnit()
    {
        var budget = ExperimentBudget.Named(BudgetName.Quick);
        budget = budget with { Gan = budget.Gan with { BatchSize = 0 } };
        var error = Assert.Throws<EmoAugException>(() => ExperimentPlanner.Plan(Options("baseline", "gan"), budget, Summary()));
        Assert.StartsWith("plan: unit official/gan/neutral2disgust:", error.Message);
    }
}

public class StarGanPlanTests
{
    [Fact]
    public void OneStarGanPerFoldMakesEveryTargetsFacesAndCycleGanOptionsAreRefused()
    {
        var summary = ExperimentPlannerTests.Summary();
        var options = new ExperimentOptions(Data: "faces", OutputDirectory: "/experiments/star", Arms: ["baseline", "gan"],
            Targets: ["disgust", "fear"], Generator: GeneratorFamily.StarGan, GanIterations: 300, Threads: 2);
        var plan = ExperimentPlanner.Plan(options, ExperimentBudget.Named(BudgetName.Quick), summary);
        var star = Assert.Single(plan.Units.OfType<StarGanTrainingPlan>());
        Assert.Equal("official/stargan", star.Id);
        Assert.Equal(300, star.Options.Iterations);
        Assert.Equal(150, star.Options.DecayIterations);
        Assert.Equal(2, star.Options.Threads);
        Assert.Empty(plan.Units.OfType<GanTrainingPlan>());
        var generations = plan.Units.OfType<GenerationPlan>().ToList();
        Assert.Equal(["disgust", "fear"], generations.Select(g => g.Target));
        Assert.All(generations, g => Assert.Equal((star.Id, "neutral"), (g.Gan, g.Source)));
        Assert.Equal(["disgust", "fear"], plan.Units.OfType<QualityPlan>().Select(q => q.Target));

        var epochs = Assert.Throws<EmoAugException>(() => ExperimentPlanner.Plan(options with { GanEpochs = 3 }, ExperimentBudget.Named(BudgetName.Quick), summary));
        Assert.StartsWith("--gan-epochs: an option of the CycleGAN", epochs.Message);
        var iterations = Assert.Throws<EmoAugException>(() => ExperimentPlanner.Plan(options with { Generator = null }, ExperimentBudget.Named(BudgetName.Quick), summary));
        Assert.StartsWith("--gan-iterations: an option of the StarGAN", iterations.Message);
    }
}
