using System.Numerics;

namespace EmoAug.Reporting;

/// <summary>Exact k nearest neighbours by brute force (fine for a few thousand points of ~50 dimensions).</summary>
public static class NearestNeighbours
{
    /// <summary>
    /// For every row, the indices of its <paramref name="k"/> nearest other rows and their squared Euclidean
    /// distances, nearest first; equal distances are ordered by index so the result is reproducible.
    /// </summary>
    public static (int[][] Indices, double[][] SquaredDistances) Find(double[][] rows, int k, int threads = 0)
    {
        int n = rows.Length;
        if (k < 1 || k > n - 1) throw new ArgumentOutOfRangeException(nameof(k), k, $"must be in 1..{n - 1}");
        var indices = new int[n][];
        var distances = new double[n][];
        Parallel.For(0, n, Pca.Options(threads), i =>
        {
            // Max-heap of the k best so far: the root is the worst kept neighbour.
            var heapIndex = new int[k];
            var heapDistance = new double[k];
            int size = 0;
            for (int j = 0; j < n; j++)
            {
                if (j == i) continue;
                double d2 = SquaredDistance(rows[i], rows[j]);
                if (size < k)
                {
                    heapIndex[size] = j; heapDistance[size] = d2; size++;
                    SiftUp(heapIndex, heapDistance, size - 1);
                }
                else if (Before(d2, j, heapDistance[0], heapIndex[0]))
                {
                    heapIndex[0] = j; heapDistance[0] = d2;
                    SiftDown(heapIndex, heapDistance, size);
                }
            }
            var order = Enumerable.Range(0, k)
                .OrderBy(m => heapDistance[m]).ThenBy(m => heapIndex[m]).ToArray();
            indices[i] = order.Select(m => heapIndex[m]).ToArray();
            distances[i] = order.Select(m => heapDistance[m]).ToArray();
        });
        return (indices, distances);
    }

    internal static double SquaredDistance(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var acc = Vector<double>.Zero;
        int i = 0, width = Vector<double>.Count;
        for (; i <= x.Length - width; i += width)
        {
            var diff = new Vector<double>(x[i..]) - new Vector<double>(y[i..]);
            acc += diff * diff;
        }
        double sum = Vector.Sum(acc);
        for (; i < x.Length; i++) sum += (x[i] - y[i]) * (x[i] - y[i]);
        return sum;
    }

    /// <summary>Strict order: nearer first, then the smaller index.</summary>
    static bool Before(double d1, int i1, double d2, int i2) => d1 < d2 || (d1 == d2 && i1 < i2);

    static void SiftUp(int[] index, double[] distance, int at)
    {
        while (at > 0)
        {
            int parent = (at - 1) / 2;
            if (!Before(distance[parent], index[parent], distance[at], index[at])) break;
            Swap(index, distance, parent, at);
            at = parent;
        }
    }

    static void SiftDown(int[] index, double[] distance, int size)
    {
        int at = 0;
        while (true)
        {
            int left = 2 * at + 1, right = left + 1, worst = at;
            if (left < size && Before(distance[worst], index[worst], distance[left], index[left])) worst = left;
            if (right < size && Before(distance[worst], index[worst], distance[right], index[right])) worst = right;
            if (worst == at) return;
            Swap(index, distance, worst, at);
            at = worst;
        }
    }

    static void Swap(int[] index, double[] distance, int a, int b)
    {
        (index[a], index[b]) = (index[b], index[a]);
        (distance[a], distance[b]) = (distance[b], distance[a]);
    }
}
