namespace EmoAug.Training;

/// <summary>The outcome of a training run: where its checkpoints are and the final state.</summary>
/// <param name="BestCheckpoint">best.ckpt: the weights of the epoch with the best validation score (use this one).</param>
/// <param name="LastCheckpoint">last.ckpt: the weights and optimizer state after the last completed epoch (resume).</param>
/// <param name="Final">The header of the last checkpoint: history, best epoch, early-stopping state.</param>
public sealed record TrainingResult(string BestCheckpoint, string LastCheckpoint, CheckpointHeader Final)
{
    /// <summary>The metrics of the best epoch.</summary>
    public EpochMetrics Best => Final.History[Final.BestEpoch - 1];
}
