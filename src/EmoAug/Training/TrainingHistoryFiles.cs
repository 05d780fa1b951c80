using System.Globalization;
using System.Text;
using System.Text.Json;

namespace EmoAug.Training;

/// <summary>Writes a run's per-epoch metrics as metrics.csv and metrics.json (atomically, every epoch).</summary>
public static class TrainingHistoryFiles
{
    public const string CsvFile = "metrics.csv";
    public const string JsonFile = "metrics.json";

    public static void Write(string outDir, IReadOnlyList<EpochMetrics> history)
    {
        var csv = new StringBuilder(
            "epoch,learning_rate,train_loss,train_accuracy,val_loss,val_accuracy,val_balanced_accuracy,val_macro_f1,seconds,images_per_second\n");
        foreach (var m in history)
            csv.AppendLine(string.Join(",", new double[]
            {
                m.Epoch, m.LearningRate, m.TrainLoss, m.TrainAccuracy, m.ValidationLoss, m.ValidationAccuracy,
                m.ValidationBalancedAccuracy, m.ValidationMacroF1, m.Seconds, m.ImagesPerSecond,
            }.Select(v => v.ToString("G9", CultureInfo.InvariantCulture))));
        AtomicFile.WriteAllText(Path.Combine(outDir, CsvFile), csv.ToString());
        AtomicFile.WriteAllText(Path.Combine(outDir, JsonFile), JsonSerializer.Serialize(history, ClassifierCheckpoint.Json));
    }
}
