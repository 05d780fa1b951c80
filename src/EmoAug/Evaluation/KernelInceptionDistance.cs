using TorchSharp;
using static TorchSharp.torch;

namespace EmoAug.Evaluation;

/// <summary>A KID estimate: mean of the unbiased MMD^2 over random subsets, their spread and the mean's standard error.</summary>
public sealed record KidResult(double Mean, double StandardDeviation, double StandardError, int Subsets, int SubsetSize);

/// <summary>
/// Kernel inception distance (Binkowski et al. 2018, "Demystifying MMD GANs"): the squared maximum mean discrepancy
/// between two feature sets under the cubic polynomial kernel k(x, y) = (x.y / d + 1)^3, estimated without bias
/// (diagonal terms left out) on <c>subsets</c> random subsets of <c>subsetSize</c> rows of each set (drawn without
/// replacement within a subset), as their reference code does. Near 0 for samples of the same distribution (it can be
/// slightly negative); larger when they differ. Computed in float64.
/// </summary>
public static class KernelInceptionDistance
{
    public static KidResult Compute(float[,] real, float[,] generated, int subsets = 100, int subsetSize = 1000, int seed = 0)
    {
        using var x = ToTensor(real);
        using var y = ToTensor(generated);
        return Compute(x, y, subsets, subsetSize, seed);
    }

    /// <param name="real">Features [m, d].</param>
    /// <param name="generated">Features [n, d].</param>
    /// <param name="subsetSize">Rows per subset; capped at min(m, n), and halved when that would make every one of
    /// several subsets the whole of both sets.</param>
    public static KidResult Compute(Tensor real, Tensor generated, int subsets = 100, int subsetSize = 1000, int seed = 0)
    {
        if (real.dim() != 2 || generated.dim() != 2 || real.shape[1] != generated.shape[1])
            throw new ArgumentException("features must be two matrices [m,d] and [n,d] with the same d");
        if (subsets < 1) throw new ArgumentOutOfRangeException(nameof(subsets));
        int m = (int)real.shape[0], n = (int)generated.shape[0];
        int size = Math.Min(subsetSize, Math.Min(m, n));
        // Subsets as large as both sets are all the same rows: their spread would be zero and say nothing. Half-size
        // subsets differ, so their spread shows how much the estimate depends on which faces were drawn.
        if (subsets > 1 && size == m && size == n) size = Math.Max(2, size / 2);
        if (size < 2) throw new ArgumentException("KID needs at least 2 feature rows in each set");
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var x = real.to_type(ScalarType.Float64).cpu();
        var y = generated.to_type(ScalarType.Float64).cpu();
        double d = x.shape[1];
        var random = new Random(seed);
        var estimates = new double[subsets];
        for (int s = 0; s < subsets; s++)
        {
            using var inner = torch.NewDisposeScope();
            var xs = x.index_select(0, torch.tensor(Sample(random, m, size)));
            var ys = y.index_select(0, torch.tensor(Sample(random, n, size)));
            var kxx = (xs.matmul(xs.T) / d + 1).pow(3);
            var kyy = (ys.matmul(ys.T) / d + 1).pow(3);
            var kxy = (xs.matmul(ys.T) / d + 1).pow(3);
            double sxx = (kxx.sum() - kxx.diagonal().sum()).item<double>();
            double syy = (kyy.sum() - kyy.diagonal().sum()).item<double>();
            double sxy = kxy.sum().item<double>();
            estimates[s] = (sxx + syy) / (size * (size - 1.0)) - 2 * sxy / ((double)size * size);
        }
        double mean = estimates.Average();
        double std = subsets > 1 ? Math.Sqrt(estimates.Sum(e => (e - mean) * (e - mean)) / (subsets - 1)) : 0;
        return new KidResult(mean, std, std / Math.Sqrt(subsets), subsets, size);
    }

    static long[] Sample(Random random, int count, int size)
    {
        var all = Enumerable.Range(0, count).Select(i => (long)i).ToArray();
        random.Shuffle(all);
        return all[..size];
    }

    static Tensor ToTensor(float[,] values)
    {
        var flat = new float[values.Length];
        Buffer.BlockCopy(values, 0, flat, 0, flat.Length * sizeof(float));
        return torch.tensor(flat, [values.GetLength(0), values.GetLength(1)]);
    }
}
