using System.Text.Json.Serialization;
using EmoAug.Models;
using EmoAug.Runtime;

namespace EmoAug.Training;

/// <summary>How to train an emotion classifier. Every default is the one the CLI uses.</summary>
/// <param name="Model">paper-cnn (the paper's network) or vgg (the stronger one).</param>
/// <param name="Epochs">Passes over the training split (default 30).</param>
/// <param name="BatchSize">Images per step (default 64).</param>
/// <param name="Optimizer">Adam (default) or SGD (momentum 0.9, Nesterov off).</param>
/// <param name="LearningRate">Initial learning rate (default 0.001, suits Adam; use about 0.01 with SGD).</param>
/// <param name="WeightDecay">L2 weight decay (default 0.0001).</param>
/// <param name="Schedule">"cosine" (default: decays to 0 at the last epoch), "step" (times <paramref name="StepGamma"/>
/// every <paramref name="StepEpochs"/> epochs) or "constant".</param>
/// <param name="StepEpochs">Epochs between steps of the "step" schedule (default 10).</param>
/// <param name="StepGamma">Factor of each step of the "step" schedule (default 0.1).</param>
/// <param name="Patience">Stop when the selection score has not improved for this many epochs; 0 = never (default 10).</param>
/// <param name="SelectBy">Validation score that picks the best epoch: "macro-f1" (default; rare classes count) or "accuracy".</param>
/// <param name="Seed">Seeds the weights, the validation holdout, the shuffles, dropout and augmentation (default 0).</param>
/// <param name="Threads">CPU threads for torch; 0 = torch's default (default 0).</param>
/// <param name="Device">Where it trains: the CPU (default) or a CUDA device.</param>
/// <param name="ClassWeights">Weight the loss of each class by the inverse of its frequency (default off).</param>
/// <param name="Oversample">Draw each epoch's images with replacement so every class is equally likely (default off).</param>
/// <param name="Augment">Classic augmentation on the fly (default off); its strengths are <paramref name="Augmentation"/>.</param>
/// <param name="Augmentation">Strengths of the classic augmentation; null = <see cref="ClassicAugmentation"/>'s defaults.</param>
/// <param name="ModelOptions">Architecture options (dropout); null = the model's defaults.</param>
/// <param name="ValidationFraction">Share of each class held out of training for selection when the data have no
/// validation split (default 0.1).</param>
/// <param name="EvalBatchSize">Images per forward pass when scoring (default 256; does not change results).</param>
/// <param name="InitFrom">A classifier checkpoint or run folder whose weights training starts from instead of random
/// ones (<see cref="PretrainedWeights"/>): fine-tuning, e.g. a FER2013 model on JAFFE. Null (default) = random weights.
/// Written to JSON only when set, so checkpoints and experiment settings made before it existed still match.</param>
/// <param name="EpochImages">Images drawn in each epoch; null (default) = every training image once. Fewer: the first
/// of a fresh shuffle each epoch; more: shuffles one after another. An experiment gives the arms that add generated
/// faces the real training count, so that they take the baseline's optimiser steps and cannot win by training longer.
/// Written to JSON only when set.</param>
public sealed record ClassifierOptions(
    ClassifierNetwork Model = ClassifierNetwork.PaperCnn,
    int Epochs = 30,
    int BatchSize = 64,
    ClassifierOptimizer Optimizer = ClassifierOptimizer.Adam,
    double LearningRate = 1e-3,
    double WeightDecay = 1e-4,
    LearningRateSchedule Schedule = LearningRateSchedule.Cosine,
    int StepEpochs = 10,
    double StepGamma = 0.1,
    int Patience = 10,
    SelectionScore SelectBy = SelectionScore.MacroF1,
    int Seed = 0,
    int Threads = 0,
    ComputeDevice Device = default,
    bool ClassWeights = false,
    bool Oversample = false,
    bool Augment = false,
    ClassicAugmentation? Augmentation = null,
    ModelOptions? ModelOptions = null,
    double ValidationFraction = 0.1,
    int EvalBatchSize = 256,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    string? InitFrom = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    int? EpochImages = null)
{
    /// <summary>Throws an <see cref="EmoAugException"/> naming the first option that makes no sense.</summary>
    public void Validate()
    {
        if (Epochs < 1) throw new EmoAugException($"--epochs {Epochs}: must be at least 1");
        if (BatchSize < 1) throw new EmoAugException($"--batch-size {BatchSize}: must be at least 1");
        if (!(LearningRate > 0)) throw new EmoAugException($"--lr {LearningRate}: must be positive");
        if (WeightDecay < 0) throw new EmoAugException($"--weight-decay {WeightDecay}: must not be negative");
        if (StepEpochs < 1) throw new EmoAugException($"--step-epochs {StepEpochs}: must be at least 1");
        if (Patience < 0) throw new EmoAugException($"--patience {Patience}: must not be negative");
        if (Threads < 0) throw new EmoAugException($"--threads {Threads}: must not be negative");
        if (EpochImages is < 1) throw new EmoAugException($"--epoch-images {EpochImages}: must be at least 1");
        if (ValidationFraction is <= 0 or >= 1)
            throw new EmoAugException($"--validation-fraction {ValidationFraction}: must be between 0 and 1");
        if (EvalBatchSize < 1) throw new EmoAugException($"--eval-batch-size {EvalBatchSize}: must be at least 1");
        if (Augmentation is not null && !Augment)
            throw new EmoAugException("--augment-strength: augmentation strengths are set but --augment is off");
        Augmentation?.Validate();
    }

    /// <summary>
    /// True when two option sets train the same way: resuming is only allowed under the same options. Threads, device
    /// and the scoring batch size do not change what is learnt, and more epochs may be asked for on resume.
    /// </summary>
    public bool SameTrainingAs(ClassifierOptions other) =>
        this with { Threads = 0, Device = ComputeDevice.Cpu, EvalBatchSize = 256, Epochs = 0 }
        == other with { Threads = 0, Device = ComputeDevice.Cpu, EvalBatchSize = 256, Epochs = 0 };

    /// <summary>Learning rate of a 0-based epoch under the schedule.</summary>
    public double LearningRateAt(int epoch) => Schedule switch
    {
        LearningRateSchedule.Cosine => LearningRate * 0.5 * (1 + Math.Cos(Math.PI * epoch / Epochs)),
        LearningRateSchedule.Step => LearningRate * Math.Pow(StepGamma, epoch / StepEpochs),
        _ => LearningRate,
    };
}
