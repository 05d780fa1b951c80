using EmoAug.Models;

namespace EmoAug.Training;

/// <summary>
/// The settings `train-classifier` starts from before the options given on its command line: for each model the best
/// recipe measured on FER2013 (docs/results.md), or with --paper the paper's own network and settings.
/// </summary>
/// <param name="Model">The network.</param>
/// <param name="Epochs">Passes over the training split.</param>
/// <param name="Augment">Classic augmentation on the fly.</param>
/// <param name="AugmentStrength">Its strength (1 = <see cref="ClassicAugmentation"/>'s defaults, 0 = mirror only).</param>
/// <param name="Dropout">Dropout before the fully connected layers; null = the model's default.</param>
/// <param name="ExtraConv">paper-cnn's third convolution.</param>
public sealed record ClassifierRecipe(ClassifierNetwork Model, int Epochs, bool Augment, double AugmentStrength, double? Dropout, bool ExtraConv)
{
    /// <summary>The default: vgg as it reached 67.1% on FER2013's PrivateTest (one seed, 2026-12-01).</summary>
    public static readonly ClassifierRecipe BestVgg = new(ClassifierNetwork.Vgg, Epochs: 24, Augment: true, AugmentStrength: 0.5, Dropout: null, ExtraConv: false);

    /// <summary>paper-cnn as it reached 60.3 ± 0.7% (3 seeds): the UW reproduction's third convolution and dropout, mirror images.</summary>
    public static readonly ClassifierRecipe BestPaperCnn = new(ClassifierNetwork.PaperCnn, Epochs: 25, Augment: true, AugmentStrength: 0, Dropout: 0.25, ExtraConv: true);

    /// <summary>The paper's network as it describes it: no dropout, no third convolution, no augmentation, 30 epochs (54.0%).</summary>
    public static readonly ClassifierRecipe Paper = new(ClassifierNetwork.PaperCnn, Epochs: 30, Augment: false, AugmentStrength: 1, Dropout: null, ExtraConv: false);

    /// <summary>The recipe for a model named on the command line (null: the default model), or the paper's.</summary>
    public static ClassifierRecipe For(ClassifierNetwork? network, bool paper)
    {
        if (paper)
            return network is null or ClassifierNetwork.PaperCnn
                ? Paper
                : throw new EmoAugException($"--paper: the paper's network is {PaperCnn.ModelName}, not {ClosedSet.Name(network.Value)}");
        return (network ?? BestVgg.Model) == ClassifierNetwork.Vgg ? BestVgg : BestPaperCnn;
    }
}
