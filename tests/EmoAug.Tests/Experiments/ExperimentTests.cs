using EmoAug.Evaluation;
using EmoAug.Experiments;
using EmoAug.Generators;
using EmoAug.Generators.CycleGan;
using EmoAug.Models;
using EmoAug.Training;
using System.Text.Json;
using Xunit;

namespace EmoAug.Tests.Experiments;

/// <summary>The whole experiment on a small synthetic set with a tiny budget: report, results and resume.</summary>
public sealed class ExperimentTests : IDisposable
{
    readonly string folder = Path.Combine(Path.GetTempPath(), "emoaug-experiment-" + Guid.NewGuid().ToString("N"));

    internal static readonly ExperimentBudget Tiny = new("tiny",
        new ClassifierOptions(Epochs: 2, BatchSize: 64, Patience: 0, Threads: 2),
        new CycleGanOptions(Epochs: 1, DecayEpochs: 1, BatchSize: 4, Ngf: 8, Ndf: 16, Blocks: 1, EpochSize: "target", SampleCount: 4, Threads: 2),
        Seeds: 1, TsneIterations: 300);

    ExperimentOptions Options => new(Data: "synthetic:train=400,val=80,test=120", OutputDirectory: folder,
        Arms: ["baseline", "gan", "gan-filtered", "sweep"], SweepAmounts: [0, 0.5, 1], Threads: 2);

    [Fact]
    public void WritesEveryReportSectionAndResultsAgreeWithTheRuns_ThenResumeRedoesNothing()
    {
        var results = Experiment.Run(Options, "test", budgetOverride: Tiny);

        var markdown = File.ReadAllText(Path.Combine(folder, ExperimentReport.MarkdownName));
        foreach (var section in new[] { "## Class counts", "## Arms", "## Confusion matrices",
                     "## Accuracy against the amount of generated data", "## Data manifold (t-SNE)", "## Generated faces",
                     "## GAN quality", "## Timings", "## Command, options and versions" })
            Assert.Contains(section, markdown);
        var html = File.ReadAllText(Path.Combine(folder, ExperimentReport.HtmlName));
        Assert.Contains("data:image/png;base64,", html);
        foreach (var figure in results.Figures.Values) Assert.True(File.Exists(Path.Combine(folder, figure)), figure);
        Assert.Contains("tsne:before", results.Figures.Keys);
        Assert.Contains("tsne:after", results.Figures.Keys);
        Assert.Contains("amount-sweep", results.Figures.Keys);

        // results.json holds the same numbers as the runs it was computed from.
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, ExperimentReport.ResultsName)));
        var ledger = UnitLedger.Open(folder);
        var baselineRun = ledger.Get<ClassifierUnit>(ledger.Finished.Single(id => id.EndsWith("/seed0/real", StringComparison.Ordinal)));
        var recomputed = ClassificationMetrics.FromPredictions(baselineRun.Truth, baselineRun.Predicted, results.ClassNames);
        var baselineJson = json.RootElement.GetProperty("arms").EnumerateArray().Single(a => a.GetProperty("name").GetString() == "baseline");
        Assert.Equal(recomputed.Accuracy, baselineJson.GetProperty("accuracy").GetProperty("mean").GetDouble(), 12);
        Assert.Equal(recomputed.MacroF1, baselineJson.GetProperty("macro_f1").GetProperty("mean").GetDouble(), 12);
        Assert.Equal(120, baselineRun.Truth.Length);

        // Arms with the same settings share their run: sweep-0% is the baseline, sweep-100% the GAN arm.
        var arms = results.Arms.ToDictionary(a => a.Name);
        Assert.Equal(arms["baseline"].Accuracy.Mean, arms["sweep-0%"].Accuracy.Mean);
        Assert.Equal(arms["gan"].MacroF1.Mean, arms["sweep-100%"].MacroF1.Mean);
        Assert.NotNull(arms["gan"].AccuracyVsBaseline);
        Assert.Null(arms["baseline"].AccuracyVsBaseline);

        // The GAN arm added generated disgust faces, as many as the real ones; the filtered arm chose as many.
        var ganRun = ledger.Get<ClassifierUnit>(ledger.Finished.Single(id => id.EndsWith("/seed0/gen100", StringComparison.Ordinal)));
        var realDisgust = results.ClassCounts["train"]["disgust"];
        Assert.Equal(realDisgust, ganRun.GeneratedAdded["disgust"]);
        Assert.Single(results.Quality);
        Assert.InRange(results.Quality[0].GanTest, 0, 1);
        Assert.InRange(results.Quality[0].SourceAsTarget, 0, 1);
        Assert.InRange(results.Quality[0].RealAsTarget, 0, 1);
        // How the judge labels the generated faces: a share per class, summing to 1, disgust's share being GAN-test.
        var labelShares = results.Quality[0].GeneratedLabels!;
        Assert.Equal(results.ClassNames, labelShares.Keys);
        Assert.Equal(1.0, labelShares.Values.Sum(), 9);
        Assert.Equal(results.Quality[0].GanTest, labelShares["disgust"]);
        Assert.Contains("generated faces labelled as (top 3)", markdown);

        // Timings are the runs' own epoch times (which survive a resume), not one process's stopwatch.
        var ganUnit = ledger.Get<GanUnit>(ledger.Finished.Single(id => id.Contains("/gan/", StringComparison.Ordinal)));
        var ganEpochs = CycleGanCheckpoint.ReadHeader(ganUnit.Checkpoint).History;
        Assert.Equal(ganEpochs.Sum(e => e.Seconds), ganUnit.Seconds, 9);
        Assert.True(ganUnit.Seconds > 0);
        var baselineCheckpoint = ClassifierCheckpoint.Read(Path.Combine(baselineRun.RunDirectory, ClassifierTrainer.LastFile));
        Assert.Equal(baselineCheckpoint.Header.History.Sum(m => m.Seconds), baselineRun.Seconds, 9);
        Assert.Equal(ganUnit.Seconds, results.Timings["gan_training_s"], 9);

        // Running again finds every unit finished and trains nothing.
        var unitsBefore = File.ReadAllText(Path.Combine(folder, UnitLedger.FileName));
        var trainingEvents = 0;
        var again = Experiment.Run(Options, "test", p =>
        {
            if (p.Detail.StartsWith("epoch", StringComparison.Ordinal)) trainingEvents++;
        }, Tiny);
        Assert.Equal(0, trainingEvents);
        Assert.Equal(unitsBefore, File.ReadAllText(Path.Combine(folder, UnitLedger.FileName)));
        Assert.Equal(results.Arms.Select(a => a.Accuracy.Mean), again.Arms.Select(a => a.Accuracy.Mean));
        Assert.Equal(labelShares, again.Quality[0].GeneratedLabels!);

        // A rerun with a larger sweep share needs more generated faces than were made: they are made again, the new
        // arm gets all it names, and the runs already recorded are kept as they were.
        int madeBefore = ledger.Get<GenerationUnit>(ledger.Finished.Single(id => id.Contains("/generate/", StringComparison.Ordinal))).Count;
        Assert.True(madeBefore < 3 * realDisgust, $"{madeBefore} faces were made; the test needs a share above that");
        var larger = Experiment.Run(Options with { SweepAmounts = [0, 0.5, 1, 3] }, "test", budgetOverride: Tiny);
        var grown = UnitLedger.Open(folder);
        Assert.Equal(3 * realDisgust, grown.Get<GenerationUnit>(grown.Finished.Single(id => id.Contains("/generate/", StringComparison.Ordinal))).Count);
        var tripled = grown.Get<ClassifierUnit>(grown.Finished.Single(id => id.EndsWith("/seed0/gen300", StringComparison.Ordinal)));
        Assert.Equal(3 * realDisgust, tripled.GeneratedAdded["disgust"]);
        Assert.Equal(baselineRun.Predicted, grown.Get<ClassifierUnit>(grown.Finished.Single(id => id.EndsWith("/seed0/real", StringComparison.Ordinal))).Predicted);
        Assert.Contains("sweep-300%", larger.Arms.Select(a => a.Name));
    }

    public void Dispose()
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }
}
