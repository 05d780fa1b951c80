namespace EmoAug.Evaluation;

/// <summary>A two-sided confidence interval around an estimate; bounds are NaN when the data cannot give one.</summary>
public sealed record ConfidenceInterval(double Estimate, double Lower, double Upper, double Level)
{
    public double HalfWidth => (Upper - Lower) / 2;
    /// <summary>True when the interval lies entirely above (or below) zero.</summary>
    public bool ExcludesZero => Lower > 0 || Upper < 0;
}

/// <summary>
/// Summary statistics for the report: means, sample standard deviations, Student-t confidence intervals of a mean and
/// of a difference of two arms' means (paired or Welch), and a seeded percentile bootstrap over test items.
/// With fewer than two values a spread cannot be estimated: the standard deviation and the bounds are then NaN.
/// </summary>
public static class Statistics
{
    public static double Mean(IReadOnlyList<double> values)
    {
        RequireValues(values, nameof(values));
        double sum = 0;
        foreach (var v in values) sum += v;
        return sum / values.Count;
    }

    /// <summary>Standard deviation with the n - 1 denominator; NaN for a single value.</summary>
    public static double SampleStandardDeviation(IReadOnlyList<double> values)
    {
        RequireValues(values, nameof(values));
        if (values.Count < 2) return double.NaN;
        double mean = Mean(values), squares = 0;
        foreach (var v in values) squares += (v - mean) * (v - mean);
        return Math.Sqrt(squares / (values.Count - 1));
    }

    /// <summary>Confidence interval of the mean: mean +- t_{(1+level)/2, n-1} * s / sqrt(n).</summary>
    public static ConfidenceInterval MeanInterval(IReadOnlyList<double> values, double level = 0.95)
    {
        RequireLevel(level);
        double mean = Mean(values);
        if (values.Count < 2) return new ConfidenceInterval(mean, double.NaN, double.NaN, level);
        double halfWidth = StudentT.Quantile((1 + level) / 2, values.Count - 1)
                           * SampleStandardDeviation(values) / Math.Sqrt(values.Count);
        return new ConfidenceInterval(mean, mean - halfWidth, mean + halfWidth, level);
    }

    /// <summary>
    /// Confidence interval of mean(treatment) - mean(baseline). Paired (same seeds or folds in both arms, in the same
    /// order): the t interval of the per-pair differences. Unpaired: Welch's interval with Welch-Satterthwaite df.
    /// </summary>
    public static ConfidenceInterval DifferenceInterval(
        IReadOnlyList<double> treatment, IReadOnlyList<double> baseline, bool paired, double level = 0.95)
    {
        RequireValues(treatment, nameof(treatment));
        RequireValues(baseline, nameof(baseline));
        RequireLevel(level);
        if (paired)
        {
            if (treatment.Count != baseline.Count)
                throw new ArgumentException(
                    $"paired difference needs as many values in both arms (got {treatment.Count} and {baseline.Count})");
            var differences = new double[treatment.Count];
            for (int i = 0; i < differences.Length; i++) differences[i] = treatment[i] - baseline[i];
            return MeanInterval(differences, level);
        }

        double difference = Mean(treatment) - Mean(baseline);
        if (treatment.Count < 2 || baseline.Count < 2)
            return new ConfidenceInterval(difference, double.NaN, double.NaN, level);
        double va = Variance(treatment) / treatment.Count, vb = Variance(baseline) / baseline.Count;
        double standardError = Math.Sqrt(va + vb);
        if (standardError == 0) return new ConfidenceInterval(difference, difference, difference, level);
        double df = (va + vb) * (va + vb)
                    / (va * va / (treatment.Count - 1) + vb * vb / (baseline.Count - 1));
        double halfWidth = StudentT.Quantile((1 + level) / 2, df) * standardError;
        return new ConfidenceInterval(difference, difference - halfWidth, difference + halfWidth, level);
    }

    /// <summary>
    /// Percentile bootstrap: resamples the indices 0..count-1 with replacement <paramref name="resamples"/> times
    /// (seeded) and evaluates <paramref name="statistic"/> on each resample. For a difference between two classifiers
    /// on the same test images, let the statistic compute both on the same resampled indices (a paired bootstrap).
    /// </summary>
    public static ConfidenceInterval BootstrapInterval(
        int count, Func<IReadOnlyList<int>, double> statistic, int seed, int resamples = 2000, double level = 0.95)
    {
        if (count < 1) throw new ArgumentException("bootstrap needs at least one item", nameof(count));
        if (resamples < 10) throw new ArgumentException("bootstrap needs at least 10 resamples", nameof(resamples));
        RequireLevel(level);
        var all = new int[count];
        for (int i = 0; i < count; i++) all[i] = i;
        double estimate = statistic(all);

        var random = new Random(seed);
        var indices = new int[count];
        var stats = new double[resamples];
        for (int r = 0; r < resamples; r++)
        {
            for (int i = 0; i < count; i++) indices[i] = random.Next(count);
            stats[r] = statistic(indices);
        }
        Array.Sort(stats);
        double alpha = (1 - level) / 2;
        return new ConfidenceInterval(estimate, Percentile(stats, alpha), Percentile(stats, 1 - alpha), level);
    }

    /// <summary>Linear-interpolated percentile of sorted values (the "type 7" definition), p in [0, 1].</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        RequireValues(sorted, nameof(sorted));
        double position = p * (sorted.Count - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    static double Variance(IReadOnlyList<double> values)
    {
        double s = SampleStandardDeviation(values);
        return s * s;
    }

    static void RequireValues(IReadOnlyList<double> values, string name)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        if (values.Count == 0) throw new ArgumentException("needs at least one value", name);
    }

    static void RequireLevel(double level)
    {
        if (!(level > 0 && level < 1)) throw new ArgumentOutOfRangeException(nameof(level), level, "must be in (0, 1)");
    }
}
