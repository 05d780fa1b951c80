using System.Numerics;

namespace EmoAug.Reporting;

/// <summary>Principal component projection through the eigenvectors of the d x d covariance matrix.</summary>
public static class Pca
{
    /// <summary>Centres the rows and projects them onto the first <paramref name="components"/> principal axes.</summary>
    public static double[][] Project(double[][] rows, int components, int threads = 0)
    {
        int n = rows.Length, d = rows[0].Length;
        if (components < 1 || components > d)
            throw new ArgumentOutOfRangeException(nameof(components), components, $"must be in 1..{d}");

        // Columns as contiguous arrays so each covariance entry is one dot product.
        var mean = new double[d];
        foreach (var row in rows) for (int j = 0; j < d; j++) mean[j] += row[j];
        for (int j = 0; j < d; j++) mean[j] /= n;
        var columns = new double[d][];
        for (int j = 0; j < d; j++)
        {
            columns[j] = new double[n];
            for (int i = 0; i < n; i++) columns[j][i] = rows[i][j] - mean[j];
        }

        var covariance = new double[d, d];
        Parallel.For(0, d, Options(threads), a =>
        {
            for (int b = a; b < d; b++)
            {
                double value = Dot(columns[a], columns[b]) / Math.Max(1, n - 1);
                covariance[a, b] = value;
                covariance[b, a] = value;
            }
        });
        var (_, vectors) = SymmetricEigen.Decompose(covariance);

        var projected = new double[n][];
        Parallel.For(0, n, Options(threads), i =>
        {
            var output = new double[components];
            for (int k = 0; k < components; k++)
            {
                double sum = 0;
                for (int j = 0; j < d; j++) sum += (rows[i][j] - mean[j]) * vectors[j, k];
                output[k] = sum;
            }
            projected[i] = output;
        });
        return projected;
    }

    internal static ParallelOptions Options(int threads) =>
        new() { MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount };

    /// <summary>Dot product with SIMD lanes; the summation order is fixed, so results are reproducible.</summary>
    internal static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var acc = Vector<double>.Zero;
        int i = 0, width = Vector<double>.Count;
        for (; i <= x.Length - width; i += width) acc += new Vector<double>(x[i..]) * new Vector<double>(y[i..]);
        double sum = Vector.Sum(acc);
        for (; i < x.Length; i++) sum += x[i] * y[i];
        return sum;
    }
}
