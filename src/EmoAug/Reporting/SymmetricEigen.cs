namespace EmoAug.Reporting;

/// <summary>
/// Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations: simple, deterministic and accurate
/// enough for a PCA of a few hundred dimensions.
/// </summary>
public static class SymmetricEigen
{
    /// <summary>Eigenvalues in descending order and the matching unit eigenvectors as columns of a d x d matrix.</summary>
    public static (double[] Values, double[,] Vectors) Decompose(double[,] symmetric)
    {
        int d = symmetric.GetLength(0);
        if (symmetric.GetLength(1) != d) throw new ArgumentException("matrix must be square", nameof(symmetric));
        var a = (double[,])symmetric.Clone();
        var v = new double[d, d];
        for (int i = 0; i < d; i++) v[i, i] = 1;

        double total = 0;
        for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) total += a[i, j] * a[i, j];
        for (int sweep = 0; sweep < 100; sweep++)
        {
            double off = 0;
            for (int p = 0; p < d; p++) for (int q = p + 1; q < d; q++) off += a[p, q] * a[p, q];
            if (off <= 1e-30 * total || off == 0) break;
            for (int p = 0; p < d; p++)
                for (int q = p + 1; q < d; q++)
                    if (a[p, q] != 0) Rotate(a, v, p, q, d);
        }

        var values = new double[d];
        for (int i = 0; i < d; i++) values[i] = a[i, i];
        var order = Enumerable.Range(0, d).OrderByDescending(i => values[i]).ThenBy(i => i).ToArray();
        var sortedValues = new double[d];
        var sortedVectors = new double[d, d];
        for (int k = 0; k < d; k++)
        {
            sortedValues[k] = values[order[k]];
            // Fix the sign (largest component positive) so the projection does not flip between platforms.
            int largest = 0;
            for (int r = 1; r < d; r++) if (Math.Abs(v[r, order[k]]) > Math.Abs(v[largest, order[k]])) largest = r;
            double sign = v[largest, order[k]] < 0 ? -1 : 1;
            for (int r = 0; r < d; r++) sortedVectors[r, k] = sign * v[r, order[k]];
        }
        return (sortedValues, sortedVectors);
    }

    /// <summary>Zeroes a[p,q] with one rotation (Numerical Recipes' jacobi, applied to rows/columns p and q).</summary>
    static void Rotate(double[,] a, double[,] v, int p, int q, int d)
    {
        double apq = a[p, q];
        double theta = (a[q, q] - a[p, p]) / (2 * apq);
        double t = Math.Sign(theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
        if (theta == 0) t = 1;
        double c = 1 / Math.Sqrt(t * t + 1), s = t * c;
        for (int k = 0; k < d; k++)
        {
            double akp = a[k, p], akq = a[k, q];
            a[k, p] = c * akp - s * akq;
            a[k, q] = s * akp + c * akq;
        }
        for (int k = 0; k < d; k++)
        {
            double apk = a[p, k], aqk = a[q, k];
            a[p, k] = c * apk - s * aqk;
            a[q, k] = s * apk + c * aqk;
        }
        for (int k = 0; k < d; k++)
        {
            double vkp = v[k, p], vkq = v[k, q];
            v[k, p] = c * vkp - s * vkq;
            v[k, q] = s * vkp + c * vkq;
        }
    }
}
