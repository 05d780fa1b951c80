using System.Globalization;
using System.Text;
using EmoAug.Reporting;

namespace EmoAug.Generators.StarGan;

/// <summary>Each checkpoint interval's mean losses as losses.csv and a line chart losses.png (rewritten whole, atomically).</summary>
public static class StarGanLossCurves
{
    public static void Write(string directory, IReadOnlyList<StarGanInterval> history)
    {
        var text = new StringBuilder("interval,iterations_done,lr,iterations,seconds,generator,discriminator," +
                                     string.Join(",", StarGanLosses.Names) + "\n");
        foreach (var e in history)
        {
            var values = new[] { e.LearningRate, e.Iterations, e.Seconds, e.MeanLosses.Generator, e.MeanLosses.Discriminator }
                .Concat(e.MeanLosses.ToArray());
            text.Append(e.Interval.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(e.IterationsDone.ToString(CultureInfo.InvariantCulture)).Append(',')
                .AppendJoin(',', values.Select(v => v.ToString("G6", CultureInfo.InvariantCulture))).Append('\n');
        }
        AtomicFile.WriteAllText(Path.Combine(directory, "losses.csv"), text.ToString());

        var x = history.Select(e => (double)e.IterationsDone).ToList();
        LineSeries Line(string name, Func<StarGanLosses, double> value) => new(name, x, history.Select(e => value(e.MeanLosses)).ToList());
        LinePlot.Save(Path.Combine(directory, "losses.png"),
        [
            Line("G adversarial", l => l.Adversarial), Line("G class", l => l.Classification), Line("reconstruction", l => l.Reconstruction),
            Line("D real + fake", l => l.DiscriminatorReal + l.DiscriminatorFake), Line("D class (real faces)", l => l.DiscriminatorClassification),
        ], "StarGAN losses", "iteration", "mean loss", 900, 500);
    }
}
