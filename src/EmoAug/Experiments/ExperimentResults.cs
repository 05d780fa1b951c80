using EmoAug.Generators;
using EmoAug.Experiments.Planning;
using EmoAug.Evaluation;

namespace EmoAug.Experiments;

/// <summary>A trained generator of one fold, recorded in units.json: a CycleGAN of one source and target, or a StarGAN
/// (<paramref name="Family"/> StarGan: Source and Target "all", Epochs its iterations, SourceImages its training faces).</summary>
/// <param name="Pretrained">True when the GAN came from --gan-from: trained elsewhere, on other faces than this fold's
/// (SourceImages and TargetImages are then 0: this experiment does not know them).</param>
/// <param name="Seconds">Wall time of its training epochs, summed over every process that trained them (a resumed GAN
/// counts the epochs of the runs before), 0 for a pretrained one.</param>
/// <param name="Guide">The classifier run folder that guided its generators (--gan-guide), else null.</param>
/// <param name="StartedFrom">The CycleGAN checkpoint its training started from (--gan-init-from), else null.</param>
public sealed record GanUnit(string Fold, string Source, string Target, string Checkpoint, string SampleGrid,
    string LossCurves, int Epochs, int SourceImages, int TargetImages, double Seconds, bool Pretrained = false,
    string? Guide = null, string? StartedFrom = null, GeneratorFamily Family = GeneratorFamily.CycleGan);

/// <summary>GAN-train of one fold's StarGAN, recorded in units.json.</summary>
public sealed record GanTrainUnit(string Fold, string Gan, GanTrainReport Report, double Seconds);

/// <summary>The faces one GAN generated for one fold, recorded in units.json.</summary>
public sealed record GenerationUnit(string Fold, string Target, string Directory, int Count, double Seconds);

/// <summary>
/// One classifier run (a fold, a seed, one arm's settings): what it was trained on and its test predictions, so that
/// every score can be recomputed and pooled over folds.
/// </summary>
/// <param name="Seconds">Wall time of its training epochs (not of scoring), summed over every process that trained them.</param>
public sealed record ClassifierUnit(string Fold, int Seed, string Settings, string RunDirectory, int TrainImages,
    Dictionary<string, int> GeneratedAdded, int BestEpoch, long[] Truth, long[] Predicted, double Seconds);

/// <summary>GAN quality of one fold's generated faces for one target class; SourceAsTarget and RealAsTarget are
/// GAN-test's floor and ceiling: the share of the fold's real source-class and target-class training faces that the
/// same classifier labels as the target class (NaN in units recorded before they were measured). GeneratedLabels is
/// the share of generated faces it gives each class (null in units recorded before it was measured).</summary>
public sealed record QualityUnit(string Fold, string Source, string Target, int Generated, int RealTarget,
    double GanTest, double KidMean, double KidStandardError, double IdentityL1, string JudgedBy,
    double SourceAsTarget = double.NaN, double RealAsTarget = double.NaN,
    IReadOnlyDictionary<string, double>? GeneratedLabels = null);

/// <summary>Mean, sample standard deviation and the per-seed values of a score.</summary>
public sealed record Summary(double Mean, double Std, double[] PerSeed)
{
    public static Summary Of(IReadOnlyList<double> values) =>
        new(Statistics.Mean(values), values.Count > 1 ? Statistics.SampleStandardDeviation(values) : 0, values.ToArray());
}

/// <summary>An arm's score minus the baseline's, with its 95% confidence interval and how it was computed.</summary>
public sealed record Difference(double Estimate, double Lower, double Upper, string Method);

/// <summary>One arm's scores, pooled over folds, summarised over seeds.</summary>
public sealed record ArmResult(string Name, string Settings, int Runs, Summary Accuracy, Summary BalancedAccuracy,
    Summary MacroF1, Dictionary<string, Summary> Recall, Difference? AccuracyVsBaseline, Difference? MacroF1VsBaseline,
    Dictionary<string, Difference>? RecallVsBaseline, int[][] Confusion, string? ConfusionPlot, double Seconds);

/// <summary>Everything an experiment measured: results.json, from which report.md and report.html are written.</summary>
/// <param name="JudgeSharesGuideStart">The arms' classifiers start from --init-from, and a classifier that guided the
/// GANs is that same classifier or started from it: a judge among the arms would be fooled by what fooled the guide, so
/// GAN-test was judged by a classifier trained from random weights (<see cref="ExperimentPlanner.ScratchJudgeSeed"/>).</param>
/// <param name="BaselineRuns">The baseline arm's classifier runs (folds times seeds).</param>
/// <param name="BaselineStillImproving">How many of them chose their last epoch: still improving when training stopped,
/// so an arm's gain over the baseline may be training the baseline did not get (0 in results written before).</param>
/// <param name="GanTrain">GAN-train of each fold's StarGAN (null with CycleGANs, and in results written before).</param>
public sealed record ExperimentResults(
    string Command,
    ExperimentOptions Options,
    string Budget,
    string Protocol,
    string Data,
    string Format,
    int ImageSize,
    IReadOnlyList<string> ClassNames,
    Dictionary<string, Dictionary<string, int>> ClassCounts,
    IReadOnlyList<string> Folds,
    int Seeds,
    IReadOnlyList<ArmResult> Arms,
    IReadOnlyList<GanUnit> Gans,
    IReadOnlyList<QualityUnit> Quality,
    Dictionary<string, string> Figures,
    Dictionary<string, double> Timings,
    Dictionary<string, string> Versions,
    string Finished,
    bool JudgeSharesGuideStart = false,
    int BaselineRuns = 0,
    int BaselineStillImproving = 0,
    IReadOnlyList<GanTrainUnit>? GanTrain = null);
