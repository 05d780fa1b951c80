using EmoAug.Models;

namespace EmoAug.Training;

/// <summary>
/// Everything a checkpoint says besides the tensors: enough to rebuild the network and feed it images as in
/// training, to judge it, and to resume its training exactly where it stopped.
/// </summary>
/// <param name="FormatVersion">Checkpoint format version (<see cref="ClassifierCheckpoint.FormatVersion"/>).</param>
/// <param name="Model">The network (written "paper-cnn" or "vgg", as before it was an enum).</param>
/// <param name="ModelOptions">Architecture options the network was built with.</param>
/// <param name="ClassNames">Output i of the network is the score of class ClassNames[i].</param>
/// <param name="Size">Side of the square gray input images.</param>
/// <param name="Normalisation">Gray-level mean and std the inputs are normalised by.</param>
/// <param name="Training">The training options of the run.</param>
/// <param name="Data">The dataset the run trained on (path or name) and its format.</param>
/// <param name="TrainCount">Images in the training part.</param>
/// <param name="ValidationCount">Images in the validation part.</param>
/// <param name="Epoch">Completed epochs when this was written (the weights are those after this epoch).</param>
/// <param name="History">Metrics of every completed epoch, in order.</param>
/// <param name="BestEpoch">The epoch with the best selection score so far (0 before any).</param>
/// <param name="BestScore">That score.</param>
/// <param name="EpochsWithoutImprovement">The early-stopping counter.</param>
/// <param name="Finished">True when training ended (all epochs done or stopped early).</param>
public sealed record CheckpointHeader(
    int FormatVersion,
    ClassifierNetwork Model,
    ModelOptions ModelOptions,
    IReadOnlyList<string> ClassNames,
    int Size,
    InputNormalisation Normalisation,
    ClassifierOptions Training,
    string Data,
    int TrainCount,
    int ValidationCount,
    int Epoch,
    IReadOnlyList<EpochMetrics> History,
    int BestEpoch,
    double BestScore,
    int EpochsWithoutImprovement,
    bool Finished);
