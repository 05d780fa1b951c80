namespace EmoAug.Training;

/// <summary>What one training epoch achieved (epochs count from 1).</summary>
/// <param name="Seconds">Wall time of the epoch's training steps (not of scoring); the only field that varies between
/// identical runs.</param>
/// <param name="ImagesPerSecond">Training images per second over the epoch's steps.</param>
public sealed record EpochMetrics(int Epoch, double LearningRate, double TrainLoss, double TrainAccuracy,
    double ValidationLoss, double ValidationAccuracy, double ValidationBalancedAccuracy, double ValidationMacroF1,
    double Seconds, double ImagesPerSecond)
{
    /// <summary>The validation score named by <see cref="ClassifierOptions.SelectBy"/>.</summary>
    public double Score(SelectionScore selectBy) => selectBy == SelectionScore.Accuracy ? ValidationAccuracy : ValidationMacroF1;
}
