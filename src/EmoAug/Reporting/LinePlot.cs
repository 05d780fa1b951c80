using ScottPlot;

namespace EmoAug.Reporting;

/// <summary>One named curve: y over x, with optional error bars (e.g. a standard deviation over seeds).</summary>
public sealed record LineSeries(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y, IReadOnlyList<double>? Error = null);

/// <summary>Several named series over a shared x axis: learning curves, GAN losses, accuracy against generated data.</summary>
public static class LinePlot
{
    public static void Save(string path, IReadOnlyList<LineSeries> series, string title, string xLabel, string yLabel,
        int width = 800, int height = 500)
    {
        ArgumentNullException.ThrowIfNull(series);
        var plot = new Plot();
        for (int s = 0; s < series.Count; s++)
        {
            var line = series[s];
            if (line.X.Count != line.Y.Count || (line.Error != null && line.Error.Count != line.Y.Count))
                throw new ArgumentException($"series '{line.Name}': x, y and error lengths differ", nameof(series));
            var color = PlotImage.ColorOf(s);
            double[] xs = [.. line.X], ys = [.. line.Y];
            var scatter = plot.Add.Scatter(xs, ys, color);
            scatter.LegendText = line.Name;
            scatter.LineWidth = 2;
            scatter.MarkerSize = xs.Length <= 30 ? 6 : 0; // markers only where points are few enough to read
            if (line.Error != null)
            {
                var bars = plot.Add.ErrorBar(xs, ys, [.. line.Error]);
                bars.Color = color;
            }
        }
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        if (series.Count > 1) plot.ShowLegend(Alignment.UpperRight);
        PlotImage.Save(plot, path, width, height);
    }
}
