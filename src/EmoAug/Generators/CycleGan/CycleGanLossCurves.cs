using EmoAug.Reporting;
using System.Globalization;
using System.Text;

namespace EmoAug.Generators.CycleGan;

/// <summary>Per-epoch mean losses as a CSV table and a ScottPlot line chart (both rewritten whole, atomically, each epoch).</summary>
public static class CycleGanLossCurves
{
    public static void WriteCsv(string path, IReadOnlyList<CycleGanEpoch> history)
    {
        var text = new StringBuilder("epoch,lr,iterations,seconds,generator," + string.Join(",", CycleGanLosses.Names) + "\n");
        foreach (var e in history)
        {
            var values = new[] { e.LearningRate, e.Iterations, e.Seconds, e.MeanLosses.Generator }.Concat(e.MeanLosses.ToArray());
            text.Append(e.Epoch.ToString(CultureInfo.InvariantCulture)).Append(',')
                .AppendJoin(',', values.Select(v => v.ToString("G6", CultureInfo.InvariantCulture))).Append('\n');
        }
        AtomicFile.WriteAllText(path, text.ToString());
    }

    public static void WritePng(string path, IReadOnlyList<CycleGanEpoch> history)
    {
        var epochs = history.Select(e => (double)e.Epoch).ToList();
        LineSeries Line(string name, Func<CycleGanLosses, double> value) =>
            new(name, epochs, history.Select(e => value(e.MeanLosses)).ToList());
        LinePlot.Save(path,
        [
            Line("G adversarial A->B", l => l.AdversarialAB), Line("G adversarial B->A", l => l.AdversarialBA),
            Line("cycle A + B", l => l.CycleA + l.CycleB), Line("identity A + B", l => l.IdentityA + l.IdentityB),
            Line("D A", l => l.DiscriminatorA), Line("D B", l => l.DiscriminatorB),
        ], "CycleGAN losses", "epoch", "mean loss", 900, 500);
    }
}
