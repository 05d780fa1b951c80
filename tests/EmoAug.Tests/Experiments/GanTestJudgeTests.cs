using EmoAug.Data;
using EmoAug.Data.Loading;
using EmoAug.Evaluation;
using EmoAug.Experiments;
using Xunit;

namespace EmoAug.Tests.Experiments;

/// <summary>Who judges the generated faces for GAN-test: the oversample arm's classifier when that arm runs, else the
/// baseline's.</summary>
public sealed class GanTestJudgeTests : IDisposable
{
    readonly string folder = Path.Combine(Path.GetTempPath(), "emoaug-judge-" + Guid.NewGuid().ToString("N"));

    ExperimentOptions Options(IReadOnlyList<string> arms) => new(Data: "synthetic:train=400,val=80,test=120",
        OutputDirectory: folder, Arms: arms, GanAmount: 0.5, Threads: 2);

    [Fact]
    public void TheOversampleArmJudgesWhenItRunsAndTheBaselineOtherwise()
    {
        var withOversample = Experiment.Run(Options(["baseline", "oversample", "gan"]), "test",
            budgetOverride: ExperimentTests.Tiny);
        var judged = Assert.Single(withOversample.Quality);
        Assert.Equal("oversample classifier, seed 0", judged.JudgedBy);

        // The same experiment without the oversample arm reuses every run and adds a quality unit judged by the baseline.
        var withoutOversample = Experiment.Run(Options(["baseline", "gan"]), "test",
            budgetOverride: ExperimentTests.Tiny);
        var baselineJudged = Assert.Single(withoutOversample.Quality);
        Assert.Equal("baseline classifier, seed 0", baselineJudged.JudgedBy);

        var ledger = UnitLedger.Open(folder);
        Assert.Contains(ledger.Finished, id => id.EndsWith("/quality/disgust/judge-real-oversample", StringComparison.Ordinal));
        Assert.Contains(ledger.Finished, id => id.EndsWith("/quality/disgust", StringComparison.Ordinal));
        var generation = ledger.Get<GenerationUnit>(ledger.Finished.Single(id => id.Contains("/generate/", StringComparison.Ordinal)));
        using var generated = DatasetLoader.Load(generation.Directory, new LoadOptions(Size: 48, Format: DataFormat.Folders, UseCache: false));

        // Each unit's labels of the generated faces are its own judge's.
        foreach (var (quality, settings) in new[] { (judged, "real-oversample"), (baselineJudged, "real") })
        {
            var run = ledger.Get<ClassifierUnit>(ledger.Finished.Single(id => id.EndsWith("/seed0/" + settings, StringComparison.Ordinal)));
            using var classifier = TrainedClassifier.Load(run.RunDirectory);
            using var probabilities = classifier.Probabilities(generated.Images);
            var predicted = probabilities.argmax(1).data<long>().ToArray();
            var shares = withOversample.ClassNames.Select((name, c) => (name, share: predicted.Count(p => p == c) / (double)predicted.Length))
                .Where(x => x.share > 0).ToDictionary(x => x.name, x => x.share);
            Assert.Equal(shares.Keys.Order(), quality.GeneratedLabels!.Where(kv => kv.Value > 0).Select(kv => kv.Key).Order());
            foreach (var (name, share) in shares) Assert.Equal(share, quality.GeneratedLabels![name], 6);
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }
}
