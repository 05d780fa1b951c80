using System.CommandLine;
using System.Diagnostics;
using EmoAug.Reporting;

namespace EmoAug.Cli.Commands;

/// <summary>
/// `emoaug bench-tsne` (hidden): times t-SNE on Gaussian clusters of the size the report embeds, for docs/tsne.md.
/// </summary>
public static class BenchTsneCommand
{
    public static Command Create()
    {
        var points = new Option<int>("--points") { Description = "Number of points.", DefaultValueFactory = _ => 3000 };
        var dims = new Option<int>("--dims") { Description = "Dimensions per point.", DefaultValueFactory = _ => 192 };
        var clusters = new Option<int>("--clusters") { Description = "Gaussian clusters.", DefaultValueFactory = _ => 7 };
        var repeats = new Option<int>("--repeats") { Description = "Timed runs (median reported).", DefaultValueFactory = _ => 3 };
        var iterations = new Option<int>("--iterations") { Description = "t-SNE iterations.", DefaultValueFactory = _ => 1000 };
        var theta = new Option<double>("--theta") { Description = "Barnes-Hut theta (0 = exact).", DefaultValueFactory = _ => 0.5 };
        var seed = new Option<int>("--seed") { Description = "Seed of data and layout.", DefaultValueFactory = _ => 1 };
        var command = new Command("bench-tsne", "Time t-SNE on synthetic Gaussian clusters.") { Hidden = true };
        foreach (var option in new Option[] { points, dims, clusters, repeats, iterations, theta, seed }) command.Options.Add(option);

        command.SetAction(CommandRunner.Guard(parse =>
        {
            int n = parse.GetValue(points), d = parse.GetValue(dims), c = parse.GetValue(clusters);
            int runs = parse.GetValue(repeats);
            if (n < 2) throw new EmoAugException($"--points must be >= 2 (got {n})");
            if (d < 1) throw new EmoAugException($"--dims must be >= 1 (got {d})");
            if (c < 1 || c > n) throw new EmoAugException($"--clusters must be in 1..{n} (got {c})");
            if (runs < 1) throw new EmoAugException($"--repeats must be >= 1 (got {runs})");
            var (data, labels) = GaussianClusters(n, d, c, parse.GetValue(seed));
            var options = new TsneOptions
            {
                Iterations = parse.GetValue(iterations), Theta = parse.GetValue(theta), Seed = parse.GetValue(seed),
            };

            var seconds = new List<double>();
            var cpuSeconds = new List<double>();
            using var process = Process.GetCurrentProcess();
            double[,] embedding = new double[0, 2];
            for (int r = 0; r < runs; r++)
            {
                process.Refresh();
                var cpuBefore = process.TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                embedding = Tsne.Embed(data, options);
                seconds.Add(watch.Elapsed.TotalSeconds);
                process.Refresh();
                cpuSeconds.Add((process.TotalProcessorTime - cpuBefore).TotalSeconds);
                Console.WriteLine($"run {r + 1}: {seconds[^1]:F2} s wall, {cpuSeconds[^1]:F2} s CPU");
            }
            seconds.Sort();
            cpuSeconds.Sort();
            Console.WriteLine($"t-SNE {n} points x {d} dims, {options.Iterations} iterations, theta {options.Theta}, " +
                              $"{Environment.ProcessorCount} cores: median {seconds[seconds.Count / 2]:F2} s wall, " +
                              $"{cpuSeconds[cpuSeconds.Count / 2]:F2} s CPU; " +
                              $"10-NN class agreement in 2-D {NeighbourAgreement(embedding, labels, 10):F3}");
            return 0;
        }));
        return command;
    }

    /// <summary>Unit-variance clusters around centres drawn from N(0, 0.5^2) per dimension: apart, but not trivially.</summary>
    static (double[][] Data, int[] Labels) GaussianClusters(int n, int d, int clusters, int seed)
    {
        var random = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var centres = new double[clusters][];
        for (int c = 0; c < clusters; c++) centres[c] = Enumerable.Range(0, d).Select(_ => Normal() * 0.5).ToArray();
        var data = new double[n][];
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            labels[i] = i % clusters;
            data[i] = Enumerable.Range(0, d).Select(j => centres[labels[i]][j] + Normal()).ToArray();
        }
        return (data, labels);
    }

    static double NeighbourAgreement(double[,] y, int[] labels, int k)
    {
        int n = labels.Length, agree = 0;
        for (int i = 0; i < n; i++)
        {
            var nearest = Enumerable.Range(0, n).Where(j => j != i)
                .OrderBy(j => Math.Pow(y[i, 0] - y[j, 0], 2) + Math.Pow(y[i, 1] - y[j, 1], 2)).Take(k);
            agree += nearest.Count(j => labels[j] == labels[i]);
        }
        return (double)agree / (n * k);
    }
}
