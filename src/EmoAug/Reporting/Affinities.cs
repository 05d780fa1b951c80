namespace EmoAug.Reporting;

/// <summary>A sparse symmetric matrix in compressed-row form: row i holds Columns/Values[RowStart[i]..RowStart[i+1]).</summary>
public sealed record SparseMatrix(int[] RowStart, int[] Columns, double[] Values);

/// <summary>
/// t-SNE's input similarities: a Gaussian per point over its nearest neighbours whose width matches the perplexity
/// (binary search on the precision), then symmetrised and normalised: P = (P_cond + P_cond^T) / sum.
/// </summary>
public static class Affinities
{
    public static SparseMatrix Compute(int[][] neighbours, double[][] squaredDistances, double perplexity, int threads = 0)
    {
        int n = neighbours.Length;
        var conditional = new double[n][];
        double targetEntropy = Math.Log(perplexity);
        Parallel.For(0, n, Pca.Options(threads),
            i => conditional[i] = CalibratedRow(squaredDistances[i], targetEntropy));

        // Symmetrise: entry (i, j) gets p(j|i) + p(i|j). At most these two values meet in one entry, and a + b == b + a
        // exactly, so the result does not depend on the order of the work.
        var rows = new List<(int Column, double Value)>[n];
        for (int i = 0; i < n; i++) rows[i] = new List<(int, double)>(2 * neighbours[i].Length);
        double total = 0;
        for (int i = 0; i < n; i++)
            for (int m = 0; m < neighbours[i].Length; m++)
            {
                int j = neighbours[i][m];
                rows[i].Add((j, conditional[i][m]));
                rows[j].Add((i, conditional[i][m]));
                total += 2 * conditional[i][m];
            }

        var merged = new (int[] Columns, double[] Values)[n];
        Parallel.For(0, n, Pca.Options(threads), i =>
        {
            var entries = rows[i];
            entries.Sort((a, b) => a.Column != b.Column ? a.Column.CompareTo(b.Column) : a.Value.CompareTo(b.Value));
            var cols = new List<int>(entries.Count);
            var vals = new List<double>(entries.Count);
            foreach (var (column, value) in entries)
            {
                if (cols.Count > 0 && cols[^1] == column) vals[^1] += value;
                else { cols.Add(column); vals.Add(value); }
            }
            merged[i] = (cols.ToArray(), vals.ToArray());
        });

        var rowStart = new int[n + 1];
        for (int i = 0; i < n; i++) rowStart[i + 1] = rowStart[i] + merged[i].Columns.Length;
        var columns = new int[rowStart[n]];
        var values = new double[rowStart[n]];
        for (int i = 0; i < n; i++)
        {
            merged[i].Columns.CopyTo(columns, rowStart[i]);
            for (int m = 0; m < merged[i].Values.Length; m++) values[rowStart[i] + m] = merged[i].Values[m] / total;
        }
        return new SparseMatrix(rowStart, columns, values);
    }

    /// <summary>p(j|i) over one point's neighbours with the precision whose entropy is ln(perplexity).</summary>
    static double[] CalibratedRow(double[] squaredDistances, double targetEntropy)
    {
        int k = squaredDistances.Length;
        var p = new double[k];
        // Distances relative to the nearest: the same distribution, without exp underflow for far-apart data.
        double nearest = squaredDistances[0];
        double beta = 1, low = double.NegativeInfinity, high = double.PositiveInfinity;
        double scale = 0;
        for (int m = 0; m < k; m++) scale = Math.Max(scale, squaredDistances[m] - nearest);
        if (scale > 0) beta = 1 / scale; // a starting precision in the data's own units

        for (int iteration = 0; iteration < 200; iteration++)
        {
            double sum = 0, weighted = 0;
            for (int m = 0; m < k; m++)
            {
                double shifted = squaredDistances[m] - nearest;
                p[m] = Math.Exp(-beta * shifted);
                sum += p[m];
                weighted += shifted * p[m];
            }
            double entropy = Math.Log(sum) + beta * weighted / sum;
            double error = entropy - targetEntropy;
            if (Math.Abs(error) < 1e-5) break;
            if (error > 0)
            {
                low = beta;
                beta = double.IsPositiveInfinity(high) ? beta * 2 : (beta + high) / 2;
            }
            else
            {
                high = beta;
                beta = double.IsNegativeInfinity(low) ? beta / 2 : (beta + low) / 2;
            }
        }
        double total = 0;
        for (int m = 0; m < k; m++) total += p[m];
        for (int m = 0; m < k; m++) p[m] /= total;
        return p;
    }
}
