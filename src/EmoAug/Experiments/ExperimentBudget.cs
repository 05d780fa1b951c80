using EmoAug.Generators;
using EmoAug.Generators.CycleGan;
using EmoAug.Generators.StarGan;
using EmoAug.Models;
using EmoAug.Training;

namespace EmoAug.Experiments;

/// <summary>
/// How much compute an experiment spends: the classifier's and the GANs' training settings and the default number
/// of seeds. Named budgets: "quick" (a first look in minutes), "standard" (FER2013 in a few hours on 2 cores) and
/// "paper" (as close to the paper's setting as is known: the reference CycleGAN's 200 epochs, batch 1).
/// </summary>
/// <param name="TsneIterations">Iterations of each t-SNE view in the report.</param>
/// <param name="StarGan">The StarGAN's settings with `--generator stargan` (null = <see cref="StarGanOptions"/>' defaults).</param>
/// <param name="GanTrainFacesPerClass">With the StarGAN: the generated faces of each class GAN-train learns from (as
/// `gan-quality --gan-train-count`'s default).</param>
public sealed record ExperimentBudget(string Name, ClassifierOptions Classifier, CycleGanOptions Gan, int Seeds,
    int TsneIterations = 1000, StarGanOptions? StarGan = null, int GanTrainFacesPerClass = 500)
{
    /// <summary>The StarGAN's settings: <see cref="StarGan"/> or the defaults.</summary>
    public StarGanOptions StarGanOrDefault => StarGan ?? new StarGanOptions();

    public static ExperimentBudget Named(BudgetName name) => name switch
    {
        BudgetName.Quick => new("quick",
            new ClassifierOptions(Epochs: 4, BatchSize: 32, Patience: 0),
            new CycleGanOptions(Epochs: 15, DecayEpochs: 15, BatchSize: 4, Ngf: 16, Ndf: 16, Blocks: 3,
                DiscriminatorLayers: 2, EpochSize: "target", SampleCount: 6),
            Seeds: 1, TsneIterations: 500,
            StarGan: new StarGanOptions(Iterations: 1000, DecayIterations: 500, CheckpointEvery: 100, Ngf: 16, Ndf: 32,
                Blocks: 3, DiscriminatorLayers: 3, SampleCount: 7)),
        BudgetName.Standard => new("standard",
            new ClassifierOptions(Epochs: 25, BatchSize: 64, Patience: 8, ModelOptions: new(Dropout: 0.5)),
            new CycleGanOptions(Epochs: 10, DecayEpochs: 10, BatchSize: 4, Ngf: 32, Blocks: 6, EpochSize: "target"),
            Seeds: 3, StarGan: new StarGanOptions(Iterations: 6000, DecayIterations: 3000, CheckpointEvery: 250)),
        _ => new("paper",
            new ClassifierOptions(Epochs: 40, BatchSize: 64, Patience: 10),
            new CycleGanOptions(Epochs: 100, DecayEpochs: 100, BatchSize: 1, Ngf: 64, Blocks: 6, EpochSize: "max"),
            Seeds: 3, StarGan: new StarGanOptions(Iterations: 20_000, DecayIterations: 10_000, CheckpointEvery: 500, Ngf: 64)),
    };
}
