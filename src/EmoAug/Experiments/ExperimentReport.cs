using EmoAug.Generators;
using EmoAug.Experiments.Planning;
using System.Globalization;
using System.Text.Json;
using EmoAug.Reporting;

namespace EmoAug.Experiments;

/// <summary>
/// Writes an experiment's results.json (every number) and, from the same results, report.md and one self-contained
/// report.html: class counts, the arms' table with differences to the baseline, confusion matrices, the amount sweep,
/// t-SNE views, generated faces, GAN quality, timings, and the exact command, options and versions.
/// </summary>
public static class ExperimentReport
{
    public const string HtmlName = "report.html", MarkdownName = "report.md", ResultsName = "results.json";

    public static void Write(string directory, ExperimentResults results)
    {
        AtomicFile.WriteAllText(Path.Combine(directory, ResultsName), JsonSerializer.Serialize(results, ExperimentJson.Options));
        Build(results).Save(directory);
    }

    /// <summary>The report's answer in one sentence: what the generated faces did to accuracy against the baseline
    /// (the "gan" arm, else the first arm with generated faces), with the rarest target's recall and oversampling beside it.</summary>
    public static string Answer(ExperimentResults r)
    {
        var gan = r.Arms.FirstOrDefault(a => a.Name == "gan" && a.AccuracyVsBaseline != null)
                  ?? r.Arms.FirstOrDefault(a => a.Name.StartsWith("gan", StringComparison.Ordinal) && a.AccuracyVsBaseline != null);
        if (gan?.AccuracyVsBaseline is not { } d) return "Answer: no arm with generated faces was compared with a baseline in this experiment.";
        string Verdict(Difference x) => x.Lower > 0 ? "raised" : x.Upper < 0 ? "lowered" : "did not measurably change";
        string Points(Difference x) => FormattableString.Invariant($"{100 * x.Estimate:+0.0;-0.0;0.0} points [{100 * x.Lower:+0.0;-0.0;0.0}, {100 * x.Upper:+0.0;-0.0;0.0}]");
        var text = $"Answer: generated faces {Verdict(d)} accuracy ({gan.Name} against baseline {Points(d)})";
        var target = r.Quality.Select(q => q.Target).FirstOrDefault();
        if (target != null && gan.RecallVsBaseline?.GetValueOrDefault(target) is { } recall)
            text += $" and {Verdict(recall)} {target} recall ({Points(recall)})";
        if (r.Arms.FirstOrDefault(a => a.Name == "oversample")?.AccuracyVsBaseline is { } over)
            text += $"; oversampling the real faces {Verdict(over)} accuracy ({Points(over)})";
        return text + ".";
    }

    static HtmlReport Build(ExperimentResults r)
    {
        var report = new HtmlReport($"EmoAug experiment: {r.Data}");
        report.Paragraph(Answer(r));
        if (r.BaselineStillImproving > 0)
            report.Paragraph($"Warning: the baseline was still improving at its last epoch in {r.BaselineStillImproving} of its {r.BaselineRuns} " +
                "runs (it chose that epoch on validation): more epochs might raise it, so a gain of another arm may be training the " +
                "baseline did not get. Give --epochs more, or a budget with early stopping.");
        report.Paragraph($"Does generated data help? Data `{r.Data}` ({r.Format}, {r.ImageSize}x{r.ImageSize}), protocol " +
            $"{r.Protocol} ({r.Folds.Count} fold{(r.Folds.Count == 1 ? "" : "s")}), budget {r.Budget}, {r.Seeds} seed{(r.Seeds == 1 ? "" : "s")} per arm. " +
            "Scores are computed on each seed's test predictions pooled over the folds; ± is the standard deviation over seeds; " +
            "differences to the baseline carry a 95% confidence interval.");

        report.Heading("Class counts");
        var splits = r.ClassCounts.Keys.ToList();
        report.Table(["class", .. splits], r.ClassNames.Where(c => r.ClassCounts.Values.Any(s => s.GetValueOrDefault(c) > 0))
            .Select(c => (IReadOnlyList<string>)[c, .. splits.Select(s => r.ClassCounts[s].GetValueOrDefault(c).ToString(CultureInfo.InvariantCulture))]));

        report.Heading("Arms");
        var recallClasses = r.Arms.FirstOrDefault()?.Recall.Keys.ToList() ?? [];
        var targets = r.Quality.Select(q => q.Target).Distinct().ToList();
        report.Table(["arm", "accuracy %", "balanced acc. %", "macro-F1 %", .. recallClasses.Select(c => $"{c} recall %"),
                "Δ accuracy [95% CI]", "Δ macro-F1 [95% CI]", .. targets.Select(t => $"Δ {t} recall [95% CI]")],
            r.Arms.Select(a => (IReadOnlyList<string>)[
                a.Name, Pct(a.Accuracy), Pct(a.BalancedAccuracy), Pct(a.MacroF1),
                .. recallClasses.Select(c => Pct(a.Recall[c])),
                Diff(a.AccuracyVsBaseline), Diff(a.MacroF1VsBaseline),
                .. targets.Select(t => a.RecallVsBaseline is { } d && d.TryGetValue(t, out var x) ? Diff(x) : "")]));
        var method = r.Arms.Select(a => a.AccuracyVsBaseline?.Method).FirstOrDefault(m => m != null);
        if (method != null) report.Paragraph($"Confidence intervals: {method}.");
        report.Paragraph("Arm settings: " + string.Join("; ", r.Arms.Select(a => $"{a.Name} = {a.Settings}")) + ".");
        if (r.Gans.Count > 0)
            report.Paragraph(r.Options.EqualSteps
                ? "Optimiser steps: equal. The arms with generated faces drew, each epoch, as many images as the real-only runs train on, so every arm took the baseline's steps and none gains by training longer (--arm-steps equal)."
                : "Optimiser steps: not equal. Every arm passed over all its images each epoch, so the arms with generated faces trained longer than the baseline (--arm-steps epochs): a gain may come from the extra steps.");

        report.Heading("Confusion matrices");
        foreach (var arm in r.Arms)
            if (r.Figures.TryGetValue($"confusion:{arm.Name}", out var path)) report.Image(path, $"{arm.Name}: confusion matrix (rows = true class)");

        report.Heading("Accuracy against the amount of generated data");
        if (r.Figures.TryGetValue("amount-sweep", out var sweep)) report.Image(sweep, "Scores as generated faces are added (mean ± sd over seeds)");
        else report.Paragraph("No sweep was run (add the arm 'sweep').");

        report.Heading("Data manifold (t-SNE)");
        foreach (var view in new[] { "before", "after" })
            if (r.Figures.TryGetValue($"tsne:{view}", out var tsne))
                report.Image(tsne, $"t-SNE of classifier features {view} augmentation; circles real, triangles generated");
        if (!r.Figures.Keys.Any(k => k.StartsWith("tsne:", StringComparison.Ordinal))) report.Paragraph("No GAN arm was run, so there is no generated data to show.");

        report.Heading("Generated faces");
        var pretrained = r.Gans.Where(g => g.Pretrained).DistinctBy(g => g.Checkpoint).ToList();
        if (pretrained.Count > 0)
            report.Paragraph($"The generators were not trained in this experiment: --gan-from " +
                string.Join(", ", pretrained.Select(g => g.Family == GeneratorFamily.StarGan
                    ? $"{g.Checkpoint} (a StarGAN of every class, {g.Epochs} iterations)"
                    : $"{g.Checkpoint} ({g.Source} -> {g.Target}, {g.Epochs} epochs)")) +
                ", trained beforehand on other faces; their sample grids show the faces they were trained on.");
        var starts = r.Gans.Where(g => g.StartedFrom != null).DistinctBy(g => g.StartedFrom).ToList();
        if (starts.Count > 0)
            report.Paragraph("Each fold's CycleGANs started from CycleGANs trained beforehand (--gan-init-from " +
                string.Join(", ", starts.Select(g => $"{g.StartedFrom} for {g.Source} -> {g.Target}")) +
                $") and were then trained on that fold's training faces only, {starts[0].Epochs} epochs.");
        if (r.Gans.FirstOrDefault(g => g.Guide != null) is { } guided)
            report.Paragraph($"The CycleGANs were guided (--gan-guide): each fold's by a classifier trained like the oversample arm, seed {ExperimentPlanner.GuideSeed}, " +
                $"on that fold's real training faces (first fold: {guided.Guide}); its cross-entropy on the translations" +
                (r.Options.GansOrDefault.FoldGuide is { Augment: true } ? ", randomly mirrored, shifted and blurred (--gan-guide-augment)," : "") + " joined the generators' loss. " +
                "GAN-test below is judged by another classifier.");
        if (r.JudgeSharesGuideStart)
            report.Paragraph($"The arms' classifiers start from --init-from {r.Options.InitFrom}, and a classifier that guided " +
                "the CycleGANs is that classifier or started from it too: a translation that fools the guide tends to fool them, " +
                "so a judge among them would overstate the faces. GAN-test below is therefore judged by a classifier trained " +
                $"from random weights on each fold's real training faces (seed {ExperimentPlanner.ScratchJudgeSeed}): independent " +
                "of the guides, but weaker than the arms' (its ceiling column says how much).");
        foreach (var (key, path) in r.Figures.Where(f => f.Key.StartsWith("generated:", StringComparison.Ordinal)))
            report.Image(path, $"Generated {key["generated:".Length..]} faces (first fold)");
        foreach (var (key, path) in r.Figures.Where(f => f.Key.StartsWith("gan-samples:", StringComparison.Ordinal)))
            report.Image(path, key == "gan-samples:stargan"
                ? "StarGAN after its last iteration: the first row real training faces, each row below them translated into one class, in class order"
                : $"CycleGAN {key["gan-samples:".Length..]} after its last epoch: real -> translated -> reconstructed, both ways");
        foreach (var (key, path) in r.Figures.Where(f => f.Key.StartsWith("gan-losses:", StringComparison.Ordinal)))
            report.Image(path, key == "gan-losses:stargan" ? "StarGAN losses per checkpoint interval" : $"CycleGAN {key["gan-losses:".Length..]} losses per epoch");

        report.Heading("GAN quality");
        if (r.Quality.Count == 0) report.Paragraph("No GAN was trained.");
        else
        {
            report.Table(["fold", "translation", "generated", "real target", "GAN-test %", "source faces as target %", "real target faces as target %",
                    "KID (± s.e.)", "identity L1", "generated faces labelled as (top 3)", "judged by"],
                r.Quality.Select(q => (IReadOnlyList<string>)[q.Fold, $"{q.Source} -> {q.Target}", q.Generated.ToString(CultureInfo.InvariantCulture),
                    q.RealTarget.ToString(CultureInfo.InvariantCulture), F(100 * q.GanTest, "0.0"), F(100 * q.SourceAsTarget, "0.0"), F(100 * q.RealAsTarget, "0.0"),
                    $"{F(q.KidMean, "0.0000")} ± {F(q.KidStandardError, "0.0000")}", F(q.IdentityL1, "0.000"), TopLabels(q.GeneratedLabels), q.JudgedBy]));
            report.Paragraph("GAN-test: share of generated faces a classifier trained on real faces only (the oversample arm's when it runs, else the baseline's: \"judged by\") labels as the target class; " +
                "beside it, the share of the real source-class faces before translation (the floor) and of the real target-class training faces (the ceiling) it labels so. " +
                "KID: kernel inception distance between generated and real target-class faces on that classifier's penultimate features. " +
                "Identity L1: mean absolute difference (0-1 scale) between each source face and its translation. " +
                "Labelled as: the classes the same classifier gives the generated faces most often, which say what the translations look like when not like the target.");
        }

        if (r.GanTrain is { Count: > 0 } ganTrain)
        {
            report.Table(["fold", "faces per class", "scored on", "GAN-train accuracy %", "real-train accuracy %", "GAN-train macro-F1 %",
                    "real-train macro-F1 %", "lowest GAN-train recall"],
                ganTrain.Select(t => (IReadOnlyList<string>)[t.Fold, t.Report.FacesPerClass.ToString(CultureInfo.InvariantCulture),
                    $"{t.Report.ScoredOn} ({t.Report.ScoredCount})", F(100 * t.Report.GanTrain.Accuracy, "0.0"), F(100 * t.Report.RealTrain.Accuracy, "0.0"),
                    F(100 * t.Report.GanTrain.MacroF1, "0.0"), F(100 * t.Report.RealTrain.MacroF1, "0.0"),
                    string.Join(", ", t.Report.GanTrain.Recall.OrderBy(c => c.Value).Take(2).Select(c => $"{c.Key} {F(100 * c.Value, "0")}%"))]));
            report.Paragraph("GAN-train (Shmelkov et al. 2018): the baseline arm's classifier trained on the StarGAN's faces of every class alone " +
                "(from neutral faces; neutral from the other classes), scored on the real test faces, beside the same classifier trained for as many " +
                "epochs on as many real training faces of each class. Near the real one, the generated faces carry what a classifier needs of each class.");
        }

        report.Heading("Timings");
        report.Table(["what", "seconds"], r.Timings.Select(t => (IReadOnlyList<string>)[t.Key, F(t.Value, "0.0")])
            .Concat(r.Arms.Select(a => (IReadOnlyList<string>)[$"classifier runs of {a.Name}", F(a.Seconds, "0.0")])));

        report.Heading("Command, options and versions");
        report.Code(r.Command);
        report.Code(JsonSerializer.Serialize(r.Options, ExperimentJson.Options));
        report.Code(string.Join("\n", r.Versions.Select(v => $"{v.Key}: {v.Value}")) + $"\nfinished: {r.Finished}");
        return report;
    }

    static string Pct(Summary s) => s.PerSeed.Length < 2 || double.IsNaN(s.Std)
        ? F(100 * s.Mean, "0.0")
        : $"{F(100 * s.Mean, "0.0")} ± {F(100 * s.Std, "0.0")}";

    static string Diff(Difference? d) => d is null ? "" :
        $"{F(100 * d.Estimate, "+0.0;-0.0;0.0")} [{F(100 * d.Lower, "+0.0;-0.0;0.0")}, {F(100 * d.Upper, "+0.0;-0.0;0.0")}]";

    /// <summary>"sad 43%, neutral 21%, angry 19%": the three largest label shares, or n/a for units from before they were kept.</summary>
    static string TopLabels(IReadOnlyDictionary<string, double>? shares) => shares is null ? "n/a"
        : string.Join(", ", shares.OrderByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal).Take(3)
            .Select(s => $"{s.Key} {F(100 * s.Value, "0")}%"));

    static string F(double value, string format) => double.IsNaN(value) ? "n/a" : value.ToString(format, CultureInfo.InvariantCulture);
}
