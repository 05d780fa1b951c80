namespace EmoAug.Reporting;

/// <summary>
/// t-distributed stochastic neighbour embedding (van der Maaten and Hinton 2008) with the Barnes-Hut gradient
/// (van der Maaten 2014): PCA to 50 dimensions, exact k nearest neighbours (k = 3 x perplexity), perplexity-calibrated
/// sparse input similarities, then gradient descent with momentum, per-coordinate gains and early exaggeration.
/// Deterministic for a seed: parallel loops write per point and every sum over points runs in a fixed order.
/// </summary>
public static class Tsne
{
    /// <summary>Embeds the rows of <paramref name="data"/> (n x d) in two dimensions; returns n x 2.</summary>
    public static double[,] Embed(float[,] data, TsneOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var rows = new double[data.GetLength(0)][];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = new double[data.GetLength(1)];
            for (int j = 0; j < rows[i].Length; j++) rows[i][j] = data[i, j];
        }
        return Embed(rows, options);
    }

    /// <summary>Embeds the rows (n x d) in two dimensions; returns n x 2.</summary>
    public static double[,] Embed(double[][] data, TsneOptions? options = null)
    {
        options ??= new TsneOptions();
        Validate(data, options);
        int n = data.Length;
        if (n == 1) return new double[1, 2];

        int dims = data[0].Length;
        var reduced = options.PcaDimensions > 0 && dims > options.PcaDimensions
            ? Pca.Project(data, options.PcaDimensions, options.Threads)
            : data;
        double perplexity = EffectivePerplexity(n, options.Perplexity);
        int k = Math.Clamp((int)(3 * perplexity), 1, n - 1);
        var (neighbours, distances) = NearestNeighbours.Find(reduced, k, options.Threads);
        var p = Affinities.Compute(neighbours, distances, perplexity, options.Threads);

        var y = Optimize(p, n, options);
        var result = new double[n, 2];
        for (int i = 0; i < n; i++) { result[i, 0] = y[2 * i]; result[i, 1] = y[2 * i + 1]; }
        return result;
    }

    /// <summary>
    /// The perplexity actually used for n points: each point needs 3 x perplexity neighbours, so it is lowered to
    /// (n - 1) / 3 when the requested one is too large (callers may report it).
    /// </summary>
    public static double EffectivePerplexity(int n, double requested) => Math.Min(requested, Math.Max(1, (n - 1) / 3.0));

    static void Validate(double[][] data, TsneOptions o)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length == 0) throw new EmoAugException("t-SNE: no points to embed");
        int dims = data[0]?.Length ?? 0;
        if (dims == 0) throw new EmoAugException("t-SNE: points have no dimensions");
        for (int i = 0; i < data.Length; i++)
        {
            if (data[i] == null || data[i].Length != dims)
                throw new EmoAugException($"t-SNE: point {i} has {data[i]?.Length ?? 0} values, point 0 has {dims}");
            foreach (var v in data[i])
                if (!double.IsFinite(v)) throw new EmoAugException($"t-SNE: point {i} has a non-finite value ({v})");
        }
        if (!(o.Perplexity > 0)) throw new EmoAugException($"t-SNE: perplexity must be > 0 (got {o.Perplexity})");
        if (o.Iterations < 1) throw new EmoAugException($"t-SNE: iterations must be >= 1 (got {o.Iterations})");
        if (o.LearningRate is { } rate && !(rate > 0))
            throw new EmoAugException($"t-SNE: learning rate must be > 0 (got {rate})");
        if (!(o.Theta >= 0)) throw new EmoAugException($"t-SNE: theta must be >= 0 (got {o.Theta})");
        if (o.PcaDimensions < 0) throw new EmoAugException($"t-SNE: PCA dimensions must be >= 0 (got {o.PcaDimensions})");
        if (o.EarlyExaggeration < 1 || o.ExaggerationIterations < 0)
            throw new EmoAugException("t-SNE: early exaggeration must be >= 1 for >= 0 iterations");
    }

    static double[] Optimize(SparseMatrix p, int n, TsneOptions o)
    {
        double learningRate = o.LearningRate ?? Math.Max(n / o.EarlyExaggeration / 4, 50);
        var y = InitialLayout(n, o.Seed);
        var update = new double[2 * n];
        var gains = new double[2 * n];
        Array.Fill(gains, 1.0);
        var gradient = new double[2 * n];
        var sumQ = new double[n];
        var repulsion = new double[2 * n];
        var tree = new QuadTree();
        var parallel = Pca.Options(o.Threads);

        for (int iteration = 0; iteration < o.Iterations; iteration++)
        {
            bool early = iteration < o.ExaggerationIterations;
            double exaggeration = early ? o.EarlyExaggeration : 1;
            double momentum = early ? o.InitialMomentum : o.FinalMomentum;

            // Repulsion: q_ij = 1/(1+d^2); the force needs the normaliser Z = sum q_ij over all pairs.
            if (o.Theta > 0)
            {
                tree.Build(y, n);
                Parallel.For(0, n, parallel, i =>
                {
                    var (s, fx, fy) = tree.Repulsion(y[2 * i], y[2 * i + 1], o.Theta);
                    sumQ[i] = s; repulsion[2 * i] = fx; repulsion[2 * i + 1] = fy;
                });
            }
            else
            {
                Parallel.For(0, n, parallel, i => ExactRepulsion(y, n, i, sumQ, repulsion));
            }
            double z = 0;
            for (int i = 0; i < n; i++) z += sumQ[i];
            z = Math.Max(z, double.Epsilon);

            // Gradient 4 * (exaggeration * sum_j p_ij q_ij (y_i - y_j) - sum_j q_ij^2 (y_i - y_j) / Z).
            Parallel.For(0, n, parallel, i =>
            {
                double ax = 0, ay = 0, xi = y[2 * i], yi = y[2 * i + 1];
                for (int e = p.RowStart[i]; e < p.RowStart[i + 1]; e++)
                {
                    int j = p.Columns[e];
                    double dx = xi - y[2 * j], dy = yi - y[2 * j + 1];
                    double pq = p.Values[e] / (1 + dx * dx + dy * dy);
                    ax += pq * dx; ay += pq * dy;
                }
                gradient[2 * i] = 4 * (exaggeration * ax - repulsion[2 * i] / z);
                gradient[2 * i + 1] = 4 * (exaggeration * ay - repulsion[2 * i + 1] / z);
            });

            // Delta-bar-delta gains: grow a coordinate's step while its direction holds, shrink it when it flips.
            for (int c = 0; c < 2 * n; c++)
            {
                gains[c] = Math.Sign(gradient[c]) != Math.Sign(update[c]) ? gains[c] + 0.2 : gains[c] * 0.8;
                if (gains[c] < 0.01) gains[c] = 0.01;
                update[c] = momentum * update[c] - learningRate * gains[c] * gradient[c];
                y[c] += update[c];
            }
            Center(y, n);
        }
        return y;
    }

    static void ExactRepulsion(double[] y, int n, int i, double[] sumQ, double[] repulsion)
    {
        double s = 0, fx = 0, fy = 0, xi = y[2 * i], yi = y[2 * i + 1];
        for (int j = 0; j < n; j++)
        {
            if (j == i) continue;
            double dx = xi - y[2 * j], dy = yi - y[2 * j + 1];
            double q = 1 / (1 + dx * dx + dy * dy);
            s += q; fx += q * q * dx; fy += q * q * dy;
        }
        sumQ[i] = s; repulsion[2 * i] = fx; repulsion[2 * i + 1] = fy;
    }

    /// <summary>Small Gaussian noise (sd 1e-4), as in the original implementation.</summary>
    static double[] InitialLayout(int n, int seed)
    {
        var random = new Random(seed);
        var y = new double[2 * n];
        for (int c = 0; c < y.Length; c++)
        {
            double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
            y[c] = 1e-4 * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }
        return y;
    }

    static void Center(double[] y, int n)
    {
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) { mx += y[2 * i]; my += y[2 * i + 1]; }
        mx /= n; my /= n;
        for (int i = 0; i < n; i++) { y[2 * i] -= mx; y[2 * i + 1] -= my; }
    }
}
