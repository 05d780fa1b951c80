using EmoAug.Training;
using ScottPlot;

namespace EmoAug.Reporting;

/// <summary>
/// Learning curves of a run in one PNG: accuracy and macro-F1 on the left axis (0-1), training and validation loss
/// (dashed) on the right axis.
/// </summary>
public static class LearningCurvePlot
{
    public static void Save(string path, IReadOnlyList<EpochMetrics> history, Training.SelectionScore selectBy)
    {
        if (history.Count == 0) return;
        var epochs = history.Select(m => (double)m.Epoch).ToArray();
        var plot = new Plot();
        Line(plot, epochs, history.Select(m => m.TrainAccuracy), "train accuracy", false);
        Line(plot, epochs, history.Select(m => m.ValidationAccuracy), "validation accuracy", false);
        Line(plot, epochs, history.Select(m => m.ValidationMacroF1), "validation macro-F1", false);
        Line(plot, epochs, history.Select(m => m.TrainLoss), "train loss", true);
        Line(plot, epochs, history.Select(m => m.ValidationLoss), "validation loss", true);
        plot.Title($"Learning curves (best epoch chosen by validation {ClosedSet.Name(selectBy)})");
        plot.XLabel("epoch");
        plot.YLabel("accuracy / macro-F1");
        plot.Axes.Right.Label.Text = "loss";
        plot.ShowLegend(Alignment.MiddleRight);
        AtomicFile.WriteAllBytes(path, plot.GetImageBytes(900, 500, ImageFormat.Png));
    }

    static void Line(Plot plot, double[] xs, IEnumerable<double> ys, string label, bool isLoss)
    {
        var scatter = plot.Add.Scatter(xs, ys.ToArray());
        scatter.LegendText = label;
        if (!isLoss) return;
        scatter.Axes.YAxis = plot.Axes.Right;
        scatter.LinePattern = LinePattern.Dashed;
    }
}
