using EmoAug.Generators;
using EmoAug.Experiments.Planning;
using EmoAug.Models;
using EmoAug.Runtime;
namespace EmoAug.Experiments;

/// <summary>What one experiment compares. Every default is what `emoaug experiment` uses.</summary>
/// <param name="Data">A dataset path, or "synthetic".</param>
/// <param name="OutputDirectory">Where units, report.md, report.html and results.json go (resumable).</param>
/// <param name="Protocol">"auto" (the dataset's own: FER2013 official splits, JAFFE leave-one-subject-out, SFEW
/// train/val, synthetic train/val/test; KDEF and other sets that name every image's person: subject k-fold; else a
/// stratified split), "official", "loso", "subject-kfold", "kfold" or "split".</param>
/// <param name="Arms">Arms to train; default all of <see cref="ExperimentArms.All"/>.</param>
/// <param name="Seeds">Seeds per arm; null = the budget's.</param>
/// <param name="Budget">"quick", "standard" or "paper" (see <see cref="ExperimentBudget"/>).</param>
/// <param name="Sources">The common classes the GANs translate from (default neutral, or the most common class in data
/// without neutral faces). With several, one CycleGAN is
/// trained per source and target, and each source gives an equal share of a target's generated faces.</param>
/// <param name="Targets">The rare classes to generate (default disgust, or the rarest class in data without disgust
/// faces); "all" = every other class.</param>
/// <param name="GanAmount">Generated images added per target class in the GAN arms, as a share of that class's real
/// training count (default 1.0 = as many as there are real ones).</param>
/// <param name="SweepAmounts">Shares for the amount-of-generated-data sweep (default 0, 0.25, 0.5, 1, 2).</param>
/// <param name="Folds">k for the "kfold" and "subject-kfold" protocols (default 5; loso ignores it).</param>
/// <param name="Threads">CPU threads for LibTorch (0 = its default).</param>
/// <param name="Size">Image side the data are loaded at (default 48).</param>
/// <param name="SkipInvalid">Skip unreadable images instead of stopping.</param>
/// <param name="MaxFolds">Run only the first N folds (0 = all); for a first look at a many-fold protocol.</param>
/// <param name="Network">Classifier network of every arm (paper-cnn or vgg); null = the budget's (paper-cnn).</param>
/// <param name="Epochs">Classifier epochs; null = the budget's.</param>
/// <param name="Dropout">Classifier dropout before the fully connected layers; null = the budget's.</param>
/// <param name="GanEpochs">CycleGAN epochs in all, half at the constant rate and half decaying; null = the budget's.</param>
/// <param name="Gans">Where the CycleGANs come from (<see cref="GanSource"/>); null = each fold trains its own, unguided.
/// Given GANs (<see cref="GanSource.UseAsIs"/>, --gan-from) serve every fold instead of training them there: for data
/// sets too small to train their own, with GANs trained on a larger set's training faces (FER2013's), one per target
/// class, each translating the (single) source class at the data's image size; with the StarGAN, one StarGAN of every
/// class. Starting GANs
/// (<see cref="GanSource.StartFrom"/>, --gan-init-from) are trained further on each fold's own training faces for the
/// budget's (or --gan-epochs) epochs, with their network sizes and the experiment's schedule, batch and guide. A guide
/// (--gan-guide, weight 1) is a classifier trained like the oversample arm on the fold's real training faces, with seed
/// <see cref="ExperimentPlanner.GuideSeed"/>, which no arm uses, so it never judges the GANs it guided.</param>
/// <param name="GanDiffAugment">Train the fold GANs with DiffAugment (<see cref="EmoAug.Training.CycleGanOptions.DiffAugment"/>).</param>
/// <param name="GanResidual">Train the fold GANs with residual generators (<see cref="EmoAug.Training.CycleGanOptions.ResidualGenerator"/>).</param>
/// <param name="ExtraConv">paper-cnn with its third convolution (<see cref="EmoAug.Models.ModelOptions.ExtraConv"/>) in every arm.</param>
/// <param name="AugmentStrength">Strength of the classic augmentation in the arms that use it ("classic", "gan+classic"):
/// scales shift, rotation, zoom, brightness and contrast (<see cref="EmoAug.Training.ClassicAugmentation.Scaled"/>);
/// null = full strength.</param>
/// <param name="Precision">The compute precision of every network the experiment trains, the classifiers
/// (<see cref="EmoAug.Models.ModelOptions.Precision"/>), a guide and the generators (since 2026-12-03): null = float32,
/// or "bfloat16".</param>
/// <param name="InitFrom">A classifier (checkpoint or train-classifier folder) every arm's classifier starts from instead
/// of random weights (<see cref="EmoAug.Training.ClassifierOptions.InitFrom"/>): for small data sets, a model trained on
/// FER2013's training faces, fine-tuned in each fold. Same network, classes and image size as the arms'.</param>
/// <param name="ExcludeList">A text file of images to leave out (<see cref="EmoAug.Data.LoadOptions.ExcludeList"/>): SFEW's
/// bad_alignment.txt, or KDEF's angled faces; null = every image.</param>
/// <param name="LearningRate">The classifiers' initial learning rate; null = the budget's (0.001). Lower suits fine-tuning.</param>
/// <param name="Generator">CycleGan (null: one CycleGAN per source and target, the paper's) or StarGan (one StarGAN per
/// fold, trained on the fold's training faces of every class, translating each source into each target; docs/stargan.md).</param>
/// <param name="GanIterations">With the StarGAN: its iterations in all, the last half decaying; null = the budget's.</param>
/// <param name="ArmSteps">"equal" (null): every arm takes the baseline's optimiser steps, since the arms that add
/// generated faces draw the fold's real training count each epoch, so no arm wins by training longer; "epochs": every
/// arm passes over all its images each epoch (how experiments ran before 2026-12-02).</param>
/// <param name="Device">"cpu" (default) or "cuda": where every unit trains and scores. Like <paramref name="Threads"/>
/// it is this run's, not the units' settings: a rerun may change it.</param>
public sealed record ExperimentOptions(
    string Data,
    string OutputDirectory,
    ProtocolName Protocol = ProtocolName.Auto,
    IReadOnlyList<string>? Arms = null,
    int? Seeds = null,
    BudgetName Budget = BudgetName.Quick,
    IReadOnlyList<string>? Sources = null,
    IReadOnlyList<string>? Targets = null,
    double GanAmount = 1.0,
    IReadOnlyList<double>? SweepAmounts = null,
    int Folds = 5,
    int Threads = 0,
    int Size = 48,
    bool SkipInvalid = false,
    int MaxFolds = 0,
    ClassifierNetwork? Network = null,
    int? Epochs = null,
    double? Dropout = null,
    int? GanEpochs = null,
    bool GanDiffAugment = false,
    bool ExtraConv = false,
    double? AugmentStrength = null,
    bool GanResidual = false,
    string? Precision = null,
    string? InitFrom = null,
    double? LearningRate = null,
    GanSource? Gans = null,
    string? ExcludeList = null,
    GeneratorFamily? Generator = null,
    int? GanIterations = null,
    string? ArmSteps = null,
    ComputeDevice Device = default)
{
    /// <summary>Whether the arms take equal optimiser steps (<see cref="ArmSteps"/>).</summary>
    public bool EqualSteps => ArmSteps is null || ArmSteps.Equals("equal", StringComparison.OrdinalIgnoreCase);

    /// <summary>The generator family: the CycleGAN unless the StarGAN is given.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public GeneratorFamily Family => Generator ?? GeneratorFamily.CycleGan;

    public IReadOnlyList<string> ArmNames => Arms is { Count: > 0 } ? Arms : ExperimentArms.All;
    public IReadOnlyList<string> SourceNames => Sources is { Count: > 0 } ? Sources : ["neutral"];
    public IReadOnlyList<string> TargetNames => Targets is { Count: > 0 } ? Targets : ["disgust"];
    /// <summary>The named budget with this experiment's overrides applied.</summary>
    public ExperimentBudget ApplyOverrides(ExperimentBudget budget)
    {
        if (Family == GeneratorFamily.StarGan && CycleGanOnly() is { } cycleOption)
            throw new EmoAugException($"{cycleOption}: an option of the CycleGAN; --generator stargan trains one StarGAN per fold (its length is --gan-iterations)");
        if (Family == GeneratorFamily.StarGan && Gans is GanSource.UseAsIs && GanIterations != null)
            throw new EmoAugException("--gan-iterations: the length of the StarGAN a fold trains; --gan-from gives one trained already");
        if (Family == GeneratorFamily.CycleGan && GanIterations != null)
            throw new EmoAugException("--gan-iterations: an option of the StarGAN (--generator stargan); the CycleGAN's length is --gan-epochs");
        if (ArmSteps is not null && !EqualSteps && !ArmSteps.Equals("epochs", StringComparison.OrdinalIgnoreCase))
            throw new EmoAugException($"--arm-steps {ArmSteps}: choose equal or epochs");
        if (GanIterations is < 1) throw new EmoAugException($"--gan-iterations {GanIterations}: must be at least 1");
        if (GanEpochs is < 1) throw new EmoAugException($"--gan-epochs {GanEpochs}: must be at least 1");
        if (Dropout is < 0 or >= 1) throw new EmoAugException($"--dropout {Dropout}: must be in [0, 1)");
        var modelOptions = budget.Classifier.ModelOptions;
        if (Dropout is { } d) modelOptions = (modelOptions ?? new()) with { Dropout = d };
        if (ExtraConv) modelOptions = (modelOptions ?? new()) with { ExtraConv = true };
        // One number type for every network the experiment trains: the arms' classifiers, a guide and the generators.
        var precision = EmoAug.Models.ComputePrecision.Canonical(Precision);
        if (precision != null) modelOptions = (modelOptions ?? new()) with { Precision = precision };
        if (LearningRate is { } lr && !(lr > 0)) throw new EmoAugException($"--lr {lr}: must be positive");
        var initFrom = InitFrom is null ? null : Path.GetFullPath(EmoAug.Training.PretrainedWeights.Resolve(InitFrom));
        var classifier = budget.Classifier with
        {
            Model = Network ?? budget.Classifier.Model,
            InitFrom = initFrom ?? budget.Classifier.InitFrom,
            LearningRate = LearningRate ?? budget.Classifier.LearningRate,
            Epochs = Epochs ?? budget.Classifier.Epochs,
            ModelOptions = modelOptions,
            // Strength 1 stays null, as train-classifier stores it. The arms that augment take these strengths.
            Augmentation = AugmentStrength is { } s && s != 1
                ? (budget.Classifier.Augmentation ?? new EmoAug.Training.ClassicAugmentation()).Scaled(s)
                : budget.Classifier.Augmentation,
        };
        // Checked as the augmenting arms will run it: strengths alone are refused only without any such arm.
        (classifier with { Augment = classifier.Augment || classifier.Augmentation != null }).Validate();
        var gan = GanEpochs is { } g ? budget.Gan with { Epochs = g - g / 2, DecayEpochs = g / 2 } : budget.Gan;
        if (GanDiffAugment) gan = gan with { DiffAugment = true };
        if (GanResidual) gan = gan with { ResidualGenerator = true };
        if (precision != null) gan = gan with { Precision = precision };
        // The guide itself is each fold's own classifier, named when that fold's GAN is trained.
        if (GansOrDefault.FoldGuide is { } guide) gan = gan with { GuideWeight = 1, GuideAugment = guide.Augment };
        var star = budget.StarGanOrDefault;
        if (GanIterations is { } iterations) star = star with { Iterations = iterations, DecayIterations = iterations / 2 };
        if (precision != null) star = star with { Precision = precision };
        return budget with { Classifier = classifier, Gan = gan, StarGan = star };
    }

    /// <summary>The first CycleGAN-only option given, by its command-line name, or null.</summary>
    string? CycleGanOnly() =>
        GanEpochs != null ? "--gan-epochs" : Gans is GanSource.StartFrom ? "--gan-init-from"
        : GanDiffAugment ? "gan_diff_augment" : GanResidual ? "gan_residual" : GansOrDefault.FoldGuide != null ? "--gan-guide" : null;

    /// <summary>Where the CycleGANs come from: <see cref="Gans"/>, or trained in each fold, unguided.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public GanSource GansOrDefault => Gans ?? new GanSource.Train();

    public IReadOnlyList<double> Sweep => SweepAmounts is { Count: > 0 } ? SweepAmounts : [0, 0.25, 0.5, 1, 2];
}
