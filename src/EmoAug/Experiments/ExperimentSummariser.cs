using EmoAug.Data;
using EmoAug.Experiments.Planning;

namespace EmoAug.Experiments;

/// <summary>
/// Turns a finished plan's ledger into the experiment's results: arm scores pooled over folds and summarised over seeds
/// (<see cref="ExperimentSummary"/>), the figures, and results.json, report.md and report.html.
/// </summary>
public static class ExperimentSummariser
{
    public static ExperimentResults Write(ExperimentPlan plan, FaceDataset data, UnitLedger ledger, string command,
        double seconds, CancellationToken cancel = default)
    {
        var runs = plan.Units.OfType<ClassifierRunPlan>().Where(u => u.Role == ClassifierRole.Arm)
            .Select(u => ledger.Get<ClassifierUnit>(u.Id)).ToList();
        var gans = plan.Units.Where(u => u is GanTrainingPlan or PretrainedGanPlan or StarGanTrainingPlan).Select(u => ledger.Get<GanUnit>(u.Id)).ToList();
        // Each generation with the generator that made it, named by its pair (a StarGAN makes every pair).
        var generationOf = plan.Units.OfType<GenerationPlan>().ToDictionary(
            g => ledger.Get<GanUnit>(g.Gan) with { Source = g.Source, Target = g.Target }, g => ledger.Get<GenerationUnit>(g.Id));
        var quality = plan.Units.OfType<QualityPlan>().Select(q => ledger.Get<QualityUnit>(q.Id)).ToList();
        var arms = plan.Arms.Select(a => (a.Name, a.Settings)).ToList();
        var results = ExperimentSummary.Summarise(plan.Options, command, plan.Budget, plan.Protocol, data, plan.Folds, plan.Seeds,
            arms, runs, gans, quality, seconds);
        var figures = ExperimentFigures.Draw(plan.Options, data, plan.Folds, results, runs, generationOf, plan.Budget.TsneIterations, cancel);
        var ganTrain = plan.Units.OfType<GanTrainPlan>().Select(u => ledger.Get<GanTrainUnit>(u.Id)).ToList();
        results = results with { Figures = figures, JudgeSharesGuideStart = plan.ScratchJudge, GanTrain = ganTrain.Count > 0 ? ganTrain : null };
        ExperimentReport.Write(plan.Options.OutputDirectory, results);
        return results;
    }
}
