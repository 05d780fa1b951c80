using EmoAug.Evaluation;
using EmoAug.Training;
using ScottPlot;

namespace EmoAug.Reporting;

/// <summary>
/// The confusion matrix as a PNG heatmap: rows = true class (top to bottom), columns = predicted class; the colour is
/// the share of the true class (so rare classes are readable), the number in each cell the count.
/// </summary>
public static class ConfusionHeatmapPlot
{
    public static void Save(string path, ClassificationMetrics m, string title)
    {
        int k = m.ClassNames.Count;
        var shares = new double[k, k];
        for (int r = 0; r < k; r++)
        {
            double support = Enumerable.Range(0, k).Sum(c => m.Confusion[r, c]);
            for (int c = 0; c < k; c++) shares[r, c] = support == 0 ? 0 : m.Confusion[r, c] / support;
        }
        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(shares);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.ManualRange = new ScottPlot.Range(0, 1);
        plot.Add.ColorBar(heatmap).Label = "share of true class";
        for (int r = 0; r < k; r++)
        for (int c = 0; c < k; c++)
        {
            // Heatmap row 0 is drawn at the top, at y = k - 1.
            var text = plot.Add.Text(m.Confusion[r, c].ToString(), c, k - 1 - r);
            text.Alignment = Alignment.MiddleCenter;
            text.LabelFontColor = shares[r, c] > 0.5 ? Colors.Black : Colors.White;
        }
        var positions = Enumerable.Range(0, k).Select(i => (double)i).ToArray();
        plot.Axes.Bottom.SetTicks(positions, m.ClassNames.ToArray());
        plot.Axes.Left.SetTicks(positions, m.ClassNames.Reverse().ToArray());
        plot.XLabel("predicted class");
        plot.YLabel("true class");
        plot.Title(title);
        AtomicFiles.WriteAllBytes(path, plot.GetImageBytes(700, 600, ImageFormat.Png));
    }
}
