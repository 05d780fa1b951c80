using ScottPlot;

namespace EmoAug.Reporting;

/// <summary>
/// A confusion matrix as a heatmap: colour = row-normalised share (the recall row for the true class), text = count.
/// Rows are the true classes (top to bottom), columns the predicted ones.
/// </summary>
public static class ConfusionHeatmap
{
    public static void Save(string path, IReadOnlyList<IReadOnlyList<int>> counts, IReadOnlyList<string> classNames,
        string title, int width = 700, int height = 640)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(classNames);
        int k = classNames.Count;
        if (counts.Count != k || counts.Any(row => row.Count != k))
            throw new ArgumentException($"confusion matrix must be {k} x {k} (one row and column per class)", nameof(counts));

        var plot = new Plot();
        for (int row = 0; row < k; row++)
        {
            double rowTotal = counts[row].Sum();
            for (int column = 0; column < k; column++)
            {
                double share = rowTotal > 0 ? counts[row][column] / rowTotal : 0;
                double top = k - row, bottom = top - 1; // row 0 at the top
                var cell = plot.Add.Rectangle(column, column + 1, bottom, top);
                cell.FillColor = Shade(share);
                cell.LineColor = Colors.White;
                var text = plot.Add.Text(counts[row][column].ToString(), column + 0.5, bottom + 0.5);
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontSize = k <= 8 ? 14 : 10;
                text.LabelFontColor = share > 0.5 ? Colors.White : Colors.Black;
            }
        }
        double[] positions = Enumerable.Range(0, k).Select(i => i + 0.5).ToArray();
        plot.Axes.Bottom.SetTicks(positions, [.. classNames]);
        plot.Axes.Left.SetTicks(positions.Reverse().ToArray(), [.. classNames]);
        plot.Axes.Bottom.TickLabelStyle.Rotation = 45; // long names (surprise, contempt) would overlap flat
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        plot.Axes.Bottom.MinimumSize = 90;
        plot.Axes.SetLimits(0, k, 0, k);
        plot.Grid.IsVisible = false;
        plot.Title(title);
        plot.XLabel("predicted");
        plot.YLabel("true");
        PlotImage.Save(plot, path, width, height);
    }

    /// <summary>White (0) to dark blue (1).</summary>
    static Color Shade(double share)
    {
        share = Math.Clamp(share, 0, 1);
        byte Mix(int from, int to) => (byte)Math.Round(from + (to - from) * share);
        return new Color(Mix(255, 8), Mix(255, 48), Mix(255, 107));
    }
}
