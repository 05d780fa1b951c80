namespace EmoAug.Training;

/// <summary>
/// A progress report: after each batch (<see cref="Completed"/> null) and at the end of each epoch
/// (<see cref="Completed"/> set). Loss and accuracy are running means over the epoch so far.
/// </summary>
public sealed record TrainingProgress(int Epoch, int Epochs, int Batch, int Batches, double Loss, double Accuracy,
    EpochMetrics? Completed = null);
