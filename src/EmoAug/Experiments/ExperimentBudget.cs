using EmoAug.Generators;
using EmoAug.Generators.CycleGan;
using EmoAug.Models;
using EmoAug.Training;

namespace EmoAug.Experiments;

/// <summary>
/// How much compute an experiment spends: the classifier's and the GANs' training settings and the default number
/// of seeds. Named budgets: "quick" (a first look in minutes), "standard" (FER2013 in a few hours on 2 cores) and
/// "paper" (as close to the paper's setting as is known: the reference CycleGAN's 200 epochs, batch 1).
/// </summary>
/// <param name="TsneIterations">Iterations of each t-SNE view in the report.</param>
public sealed record ExperimentBudget(string Name, ClassifierOptions Classifier, CycleGanOptions Gan, int Seeds,
    int TsneIterations = 1000)
{
    public static readonly IReadOnlyList<string> Names = ["quick", "standard", "paper"];

    public static ExperimentBudget Named(string name) => name.ToLowerInvariant() switch
    {
        "quick" => new("quick",
            new ClassifierOptions(Epochs: 4, BatchSize: 32, Patience: 0),
            new CycleGanOptions(Epochs: 15, DecayEpochs: 15, BatchSize: 4, Ngf: 16, Ndf: 16, Blocks: 3,
                DiscriminatorLayers: 2, EpochSize: "target", SampleCount: 6),
            Seeds: 1, TsneIterations: 500),
        "standard" => new("standard",
            new ClassifierOptions(Epochs: 25, BatchSize: 64, Patience: 8, ModelOptions: new(Dropout: 0.5)),
            new CycleGanOptions(Epochs: 10, DecayEpochs: 10, BatchSize: 4, Ngf: 32, Blocks: 6, EpochSize: "target"),
            Seeds: 3),
        "paper" => new("paper",
            new ClassifierOptions(Epochs: 40, BatchSize: 64, Patience: 10),
            new CycleGanOptions(Epochs: 100, DecayEpochs: 100, BatchSize: 1, Ngf: 64, Blocks: 6, EpochSize: "max"),
            Seeds: 3),
        _ => throw new EmoAugException($"--budget {name}: choose one of {string.Join(", ", Names)}"),
    };
}
