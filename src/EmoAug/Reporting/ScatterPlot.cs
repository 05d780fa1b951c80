using ScottPlot;

namespace EmoAug.Reporting;

/// <summary>
/// A 2-D embedding (t-SNE) coloured by class; generated points drawn as open triangles, real ones as filled circles.
/// </summary>
public static class ScatterPlot
{
    public static void Save(string path, double[,] points, IReadOnlyList<int> labels, IReadOnlyList<bool> generated,
        IReadOnlyList<string> classNames, string title, int width = 800, int height = 700)
    {
        ArgumentNullException.ThrowIfNull(points);
        int n = points.GetLength(0);
        if (points.GetLength(1) != 2) throw new ArgumentException("points must be n x 2", nameof(points));
        if (labels.Count != n || generated.Count != n)
            throw new ArgumentException($"{n} points need {n} labels and generated flags", nameof(labels));
        if (labels.Any(l => l < 0 || l >= classNames.Count))
            throw new ArgumentException($"labels must be in 0..{classNames.Count - 1}", nameof(labels));

        var plot = new Plot();
        foreach (bool isGenerated in new[] { false, true })
            for (int c = 0; c < classNames.Count; c++)
            {
                var members = Enumerable.Range(0, n).Where(i => labels[i] == c && generated[i] == isGenerated).ToArray();
                if (members.Length == 0) continue;
                var markers = plot.Add.Markers(
                    members.Select(i => points[i, 0]).ToArray(), members.Select(i => points[i, 1]).ToArray(),
                    isGenerated ? MarkerShape.OpenTriangleUp : MarkerShape.FilledCircle,
                    isGenerated ? 7 : 4, PlotImage.ColorOf(c));
                markers.LegendText = isGenerated ? $"{classNames[c]} (generated)" : classNames[c];
            }
        plot.Title(title);
        plot.Axes.Bottom.TickLabelStyle.IsVisible = false; // t-SNE axes have no meaning
        plot.Axes.Left.TickLabelStyle.IsVisible = false;
        plot.ShowLegend(Edge.Right); // outside the data area: it must not hide a cluster
        PlotImage.Save(plot, path, width, height);
    }
}
