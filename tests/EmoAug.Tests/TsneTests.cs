using EmoAug.Reporting;
using Xunit;

namespace EmoAug.Tests;

public class TsneTests
{
    /// <summary>Clusters of unit-variance points around centres drawn from N(0, 3^2) per dimension.</summary>
    static (double[][] Data, int[] Labels) Clusters(int clusters, int perCluster, int dims, int seed)
    {
        var random = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var centres = Enumerable.Range(0, clusters).Select(_ => Enumerable.Range(0, dims).Select(_ => 3 * Normal()).ToArray()).ToArray();
        var data = new List<double[]>();
        var labels = new List<int>();
        for (int c = 0; c < clusters; c++)
            for (int i = 0; i < perCluster; i++)
            {
                data.Add(centres[c].Select(v => v + Normal()).ToArray());
                labels.Add(c);
            }
        return (data.ToArray(), labels.ToArray());
    }

    static double Distance(double[,] y, int i, int j) => Math.Sqrt(Math.Pow(y[i, 0] - y[j, 0], 2) + Math.Pow(y[i, 1] - y[j, 1], 2));

    static double NeighbourAccuracy(double[,] y, int[] labels, int k)
    {
        int n = labels.Length, agree = 0;
        for (int i = 0; i < n; i++)
            agree += Enumerable.Range(0, n).Where(j => j != i).OrderBy(j => Distance(y, i, j)).Take(k)
                .Count(j => labels[j] == labels[i]);
        return (double)agree / (n * k);
    }

    static void AssertSeparated(double[,] y, int[] labels)
    {
        Assert.True(NeighbourAccuracy(y, labels, 10) > 0.95);
        int clusters = labels.Max() + 1;
        var centroids = new double[clusters, 2];
        var spread = new double[clusters];
        for (int c = 0; c < clusters; c++)
        {
            var members = Enumerable.Range(0, labels.Length).Where(i => labels[i] == c).ToArray();
            centroids[c, 0] = members.Average(i => y[i, 0]);
            centroids[c, 1] = members.Average(i => y[i, 1]);
            spread[c] = Math.Sqrt(members.Average(i =>
                Math.Pow(y[i, 0] - centroids[c, 0], 2) + Math.Pow(y[i, 1] - centroids[c, 1], 2)));
        }
        for (int a = 0; a < clusters; a++)
            for (int b = a + 1; b < clusters; b++)
                Assert.True(Distance(centroids, a, b) > 2 * Math.Max(spread[a], spread[b]),
                    $"clusters {a} and {b}: centroids {Distance(centroids, a, b):F2} apart, spreads {spread[a]:F2}, {spread[b]:F2}");
    }

    [Fact]
    public void BarnesHutSeparatesKnownClusters()
    {
        var (data, labels) = Clusters(4, 100, 60, seed: 1); // 60 dims: the PCA to 50 runs too
        var y = Tsne.Embed(data, new TsneOptions { Iterations = 500, Seed = 2 });
        Assert.Equal(new[] { 400, 2 }, new[] { y.GetLength(0), y.GetLength(1) });
        AssertSeparated(y, labels);
    }

    [Fact]
    public void ExactGradientSeparatesKnownClustersToo()
    {
        var (data, labels) = Clusters(3, 40, 20, seed: 4);
        var y = Tsne.Embed(data, new TsneOptions { Iterations = 400, Theta = 0, Perplexity = 10, Seed = 5 });
        AssertSeparated(y, labels);
    }

    [Fact]
    public void SameSeedGivesTheSameEmbeddingWhateverTheThreadCount()
    {
        var (data, _) = Clusters(3, 50, 30, seed: 6);
        var options = new TsneOptions { Iterations = 300, Seed = 9, Perplexity = 15 };
        var oneThread = Tsne.Embed(data, options with { Threads = 1 });
        var twoThreads = Tsne.Embed(data, options with { Threads = 2 });
        Assert.Equal(oneThread, twoThreads);
        var otherSeed = Tsne.Embed(data, options with { Seed = 10 });
        Assert.NotEqual(oneThread, otherSeed);
    }

    [Fact]
    public void FloatInputGivesTheSameAsDoubleInput()
    {
        var (data, _) = Clusters(2, 20, 8, seed: 8);
        var floats = new float[data.Length, 8];
        for (int i = 0; i < data.Length; i++) for (int j = 0; j < 8; j++) floats[i, j] = (float)data[i][j];
        var asDouble = data.Select(r => r.Select(v => (double)(float)v).ToArray()).ToArray();
        var options = new TsneOptions { Iterations = 50, Perplexity = 5 };
        Assert.Equal(Tsne.Embed(asDouble, options), Tsne.Embed(floats, options));
    }

    [Fact]
    public void PerplexityLargerThanThePointsIsClamped()
    {
        var (data, _) = Clusters(2, 10, 5, seed: 3);
        Assert.Equal(19 / 3.0, Tsne.EffectivePerplexity(20, 30), 12);
        var y = Tsne.Embed(data, new TsneOptions { Iterations = 100, Perplexity = 30 });
        foreach (var v in y) Assert.True(double.IsFinite(v));
        Assert.True(Distance(y, 0, 19) > 0); // not collapsed onto one point
    }

    [Fact]
    public void DuplicatePointsDoNotBreakTheTree()
    {
        var data = Enumerable.Range(0, 60).Select(i => new double[] { i % 3, 0, 1 }).ToArray();
        var y = Tsne.Embed(data, new TsneOptions { Iterations = 100, Perplexity = 5 });
        foreach (var v in y) Assert.True(double.IsFinite(v));
    }

    [Fact]
    public void BadOptionsAndInputAreUserErrorsNamingTheProblem()
    {
        var data = new[] { new double[] { 1, 2 }, new double[] { 3, 4 }, new double[] { 5, 6 } };
        Assert.Contains("perplexity", Assert.Throws<EmoAugException>(() => Tsne.Embed(data, new TsneOptions { Perplexity = 0 })).Message);
        Assert.Contains("iterations", Assert.Throws<EmoAugException>(() => Tsne.Embed(data, new TsneOptions { Iterations = 0 })).Message);
        var ragged = new[] { new double[] { 1, 2 }, new double[] { 3 } };
        Assert.Contains("point 1", Assert.Throws<EmoAugException>(() => Tsne.Embed(ragged)).Message);
        var nan = new[] { new double[] { 1, 2 }, new double[] { double.NaN, 1 } };
        Assert.Contains("non-finite", Assert.Throws<EmoAugException>(() => Tsne.Embed(nan)).Message);
    }

    [Fact]
    public void PcaKeepsTheDominantDirection()
    {
        // Points spread along (1, 1, 0) with small noise: the first component carries almost all the variance.
        var random = new Random(1);
        var rows = Enumerable.Range(0, 200).Select(_ =>
        {
            double t = random.NextDouble() * 10 - 5;
            return new[] { t + 0.01 * random.NextDouble(), t, 0.01 * random.NextDouble() };
        }).ToArray();
        var projected = Pca.Project(rows, 1);
        double mean = rows.Average(r => r[0] + r[1]) / 2;
        for (int i = 0; i < rows.Length; i++)
            Assert.Equal(Math.Abs((rows[i][0] + rows[i][1]) / 2 - mean) * Math.Sqrt(2), Math.Abs(projected[i][0]), 1);
    }

    [Fact]
    public void JacobiFindsKnownEigenvalues()
    {
        var (values, vectors) = SymmetricEigen.Decompose(new double[,] { { 2, 1, 0 }, { 1, 2, 0 }, { 0, 0, 5 } });
        Assert.Equal(5, values[0], 10);
        Assert.Equal(3, values[1], 10);
        Assert.Equal(1, values[2], 10);
        Assert.Equal(1 / Math.Sqrt(2), Math.Abs(vectors[0, 1]), 10);
        Assert.Equal(1 / Math.Sqrt(2), Math.Abs(vectors[1, 1]), 10);
    }

    [Fact]
    public void NearestNeighboursAreExactAndOrdered()
    {
        var rows = new[] { new double[] { 0 }, new double[] { 10 }, new double[] { 1 }, new double[] { 3 } };
        var (indices, distances) = NearestNeighbours.Find(rows, 2);
        Assert.Equal(new[] { 2, 3 }, indices[0]);
        Assert.Equal(new[] { 1.0, 9.0 }, distances[0]);
        Assert.Equal(new[] { 3, 2 }, indices[1]);
    }
}
