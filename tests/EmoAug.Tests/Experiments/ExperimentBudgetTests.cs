using EmoAug.Experiments;
using Xunit;

namespace EmoAug.Tests.Experiments;

public class ExperimentBudgetTests
{
    [Fact]
    public void OverridesReplaceOnlyWhatTheyName()
    {
        var standard = ExperimentBudget.Named(BudgetName.Standard);
        var options = new ExperimentOptions("synthetic", "unused", Network: EmoAug.Models.ClassifierNetwork.Vgg, Epochs: 7, Dropout: 0.25, GanEpochs: 9, GanDiffAugment: true,
            GanResidual: true);

        var budget = options.ApplyOverrides(standard);

        Assert.Equal(EmoAug.Models.ClassifierNetwork.Vgg, budget.Classifier.Model);
        Assert.Equal(7, budget.Classifier.Epochs);
        Assert.Equal(0.25, budget.Classifier.ModelOptions!.Dropout);
        // Odd totals keep the extra epoch at the constant rate, as the reference splits 200 into 100 + 100.
        Assert.Equal(5, budget.Gan.Epochs);
        Assert.Equal(4, budget.Gan.DecayEpochs);
        Assert.Equal(standard.Classifier.BatchSize, budget.Classifier.BatchSize);
        Assert.Equal(standard.Gan.Ngf, budget.Gan.Ngf);
        Assert.True(budget.Gan.DiffAugment);
        Assert.False(standard.Gan.DiffAugment);
        Assert.True(budget.Gan.ResidualGenerator);
        Assert.False(standard.Gan.ResidualGenerator);
        Assert.Equal(standard.Seeds, budget.Seeds);
    }

    [Fact]
    public void GanGuideAugmentReachesTheGan_AndNeedsGanGuide()
    {
        var standard = ExperimentBudget.Named(BudgetName.Standard);
        Assert.Equal(0, new ExperimentOptions("synthetic", "unused").ApplyOverrides(standard).Gan.GuideWeight);
        var guided = new ExperimentOptions("synthetic", "unused", Gans: GanSource.Of(null, null, guide: true, guideAugment: false));
        Assert.False(guided.ApplyOverrides(standard).Gan.GuideAugment);
        var augmented = new ExperimentOptions("synthetic", "unused", Gans: GanSource.Of(null, null, guide: true, guideAugment: true)).ApplyOverrides(standard).Gan;
        Assert.True(augmented.GuideAugment);
        Assert.Equal(1, augmented.GuideWeight);
        var refused = Assert.Throws<EmoAugException>(() => GanSource.Of(null, null, guide: false, guideAugment: true));
        Assert.StartsWith("--gan-guide-augment:", refused.Message);
    }

    [Fact]
    public void ExtraConvAndAugmentStrengthReachTheClassifier()
    {
        var standard = ExperimentBudget.Named(BudgetName.Standard);
        var budget = new ExperimentOptions("synthetic", "unused", ExtraConv: true, AugmentStrength: 0.5).ApplyOverrides(standard);

        Assert.True(budget.Classifier.ModelOptions!.ExtraConv);
        Assert.Equal(standard.Classifier.ModelOptions!.Dropout, budget.Classifier.ModelOptions.Dropout);
        Assert.Equal(new EmoAug.Training.ClassicAugmentation().Scaled(0.5), budget.Classifier.Augmentation);
        // Strength 1 is stored as no strengths at all, as train-classifier does, so older experiments still resume.
        Assert.Null(new ExperimentOptions("synthetic", "unused", AugmentStrength: 1).ApplyOverrides(standard).Classifier.Augmentation);
        Assert.Null(budget.Classifier.ModelOptions.Precision);
    }

    [Fact]
    public void PrecisionReachesTheClassifierInItsOneSpelling()
    {
        var standard = ExperimentBudget.Named(BudgetName.Standard);
        var budget = new ExperimentOptions("synthetic", "unused", Precision: "bf16").ApplyOverrides(standard);
        Assert.Equal("bfloat16", budget.Classifier.ModelOptions!.Precision);
        Assert.Equal(standard.Classifier.ModelOptions!.Dropout, budget.Classifier.ModelOptions.Dropout);
        // float32, the default, is stored as nothing, so experiments made before the option still resume.
        Assert.Equal(standard.Classifier, new ExperimentOptions("synthetic", "unused", Precision: "fp32").ApplyOverrides(standard).Classifier);
        var ex = Assert.Throws<EmoAugException>(() => new ExperimentOptions("synthetic", "unused", Precision: "half").ApplyOverrides(standard));
        Assert.Contains("--precision half", ex.Message);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(20.0)]
    public void ImpossibleAugmentStrengthsAreRefused(double strength)
    {
        var options = new ExperimentOptions("synthetic", "unused", AugmentStrength: strength);
        var error = Assert.Throws<EmoAugException>(() => options.ApplyOverrides(ExperimentBudget.Named(BudgetName.Quick)));
        Assert.Contains("--augment-strength", error.Message);
    }

    [Fact]
    public void NoOverridesLeaveTheBudgetAsNamed()
    {
        var quick = ExperimentBudget.Named(BudgetName.Quick);
        Assert.Equal(quick, new ExperimentOptions("synthetic", "unused").ApplyOverrides(quick));
    }

    [Theory]
    [InlineData(0, null, null, "--epochs 0")]
    [InlineData(null, 1.5, null, "--dropout 1.5")]
    [InlineData(null, null, 0, "--gan-epochs 0")]
    public void BadOverridesNameTheirOption(int? epochs, double? dropout, int? ganEpochs, string named)
    {
        var options = new ExperimentOptions("synthetic", "unused", Epochs: epochs, Dropout: dropout, GanEpochs: ganEpochs);
        var error = Assert.Throws<EmoAugException>(() => options.ApplyOverrides(ExperimentBudget.Named(BudgetName.Quick)));
        Assert.StartsWith(named, error.Message);
    }
}

public class ExperimentSettingsFileTests : IDisposable
{
    readonly string folder = Path.Combine(Path.GetTempPath(), "emoaug-settings-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void ARerunWithOtherEpochsIsRefusedNamingTheSetting()
    {
        Directory.CreateDirectory(folder);
        var quick = ExperimentBudget.Named(BudgetName.Quick);
        var first = new ExperimentOptions("synthetic", folder, Epochs: 10);
        ExperimentSettingsFile.CheckOrWrite(folder, ExperimentSettingsFile.Of(first, first.ApplyOverrides(quick)));

        // The same settings, more seeds and other arms: accepted (they only add units).
        var more = first with { Seeds = 3, Arms = ["baseline", "sweep"] };
        ExperimentSettingsFile.CheckOrWrite(folder, ExperimentSettingsFile.Of(more, more.ApplyOverrides(quick)));

        var changed = first with { Epochs = 8 };
        var error = Assert.Throws<EmoAugException>(() =>
            ExperimentSettingsFile.CheckOrWrite(folder, ExperimentSettingsFile.Of(changed, changed.ApplyOverrides(quick))));
        Assert.Equal($"{folder}: this experiment was made with classifier.epochs = 10, the command now gives 8; " +
                     "rerun with the same options to resume, or give another --out", error.Message);
    }

    public void Dispose()
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void InitFromAndLearningRateReachEveryClassifier_AndAMissingModelIsRefused()
    {
        var standard = ExperimentBudget.Named(BudgetName.Standard);
        using var folder = new TempFolder();
        var checkpoint = Path.Combine(folder.Path, "best.ckpt");
        File.WriteAllText(checkpoint, "checked when training starts");

        var budget = new ExperimentOptions("synthetic", "unused", InitFrom: folder.Path, LearningRate: 1e-4).ApplyOverrides(standard);

        // The folder is resolved to its checkpoint, so settings.json records which file every arm started from.
        Assert.Equal(Path.GetFullPath(checkpoint), budget.Classifier.InitFrom);
        Assert.Equal(1e-4, budget.Classifier.LearningRate);
        Assert.Null(standard.Classifier.InitFrom);
        var missing = Assert.Throws<EmoAugException>(() =>
            new ExperimentOptions("synthetic", "unused", InitFrom: Path.Combine(folder.Path, "none")).ApplyOverrides(standard));
        Assert.StartsWith("--init-from", missing.Message);
        var badRate = Assert.Throws<EmoAugException>(() => new ExperimentOptions("synthetic", "unused", LearningRate: 0).ApplyOverrides(standard));
        Assert.StartsWith("--lr", badRate.Message);
    }
}
