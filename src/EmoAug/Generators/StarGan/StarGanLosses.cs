namespace EmoAug.Generators.StarGan;

/// <summary>
/// One iteration's (or an interval's mean) loss terms, each with its weight applied: the generator's least-squares
/// adversarial term, its class cross-entropy on the translations, the reconstruction L1 and the attention-mask terms
/// (0 without attention); the discriminator's halved least-squares terms on real and generated faces and its class
/// cross-entropy on real faces; and the share of real faces the discriminator's class head gets right.
/// </summary>
public sealed record StarGanLosses(double Adversarial, double Classification, double Reconstruction, double Mask,
    double DiscriminatorReal, double DiscriminatorFake, double DiscriminatorClassification, double RealAccuracy)
{
    public static readonly string[] Names = ["adv", "cls", "rec", "mask", "d_real", "d_fake", "d_cls", "d_real_accuracy"];

    public double Generator => Adversarial + Classification + Reconstruction + Mask;
    public double Discriminator => DiscriminatorReal + DiscriminatorFake + DiscriminatorClassification;

    public double[] ToArray() =>
        [Adversarial, Classification, Reconstruction, Mask, DiscriminatorReal, DiscriminatorFake, DiscriminatorClassification, RealAccuracy];

    public static StarGanLosses FromArray(IReadOnlyList<double> v) => new(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);

    public static readonly StarGanLosses Zero = new(0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>Term by term: iterations' losses summed for an interval's mean.</summary>
    public static StarGanLosses operator +(StarGanLosses a, StarGanLosses b) =>
        FromArray(a.ToArray().Zip(b.ToArray(), (x, y) => x + y).ToArray());

    /// <summary>Every term divided by <paramref name="count"/>: the mean of that many iterations' sum.</summary>
    public StarGanLosses MeanOf(int count) => FromArray(ToArray().Select(v => v / count).ToArray());

    public override string ToString() =>
        $"G {Generator:F3} (adv {Adversarial:F3}, cls {Classification:F3}, rec {Reconstruction:F3}" +
        (Mask != 0 ? $", mask {Mask:F3}" : "") + $") D {Discriminator:F3} (real {DiscriminatorReal:F3}, fake {DiscriminatorFake:F3}, " +
        $"cls {DiscriminatorClassification:F3}, real acc {100 * RealAccuracy:F1}%)";
}

/// <summary>What one checkpoint interval left: its mean losses, learning rate, iterations and wall time.</summary>
/// <param name="Interval">1-based interval; the run had done <c>Interval * CheckpointEvery</c> iterations (or all) after it.</param>
public sealed record StarGanInterval(int Interval, int IterationsDone, StarGanLosses MeanLosses, double LearningRate, int Iterations, double Seconds);

/// <summary>Reported to the progress callback after every iteration (<paramref name="IntervalFinished"/> after each checkpoint).</summary>
public sealed record StarGanProgress(int Iteration, int TotalIterations, StarGanLosses RunningMean, bool IntervalFinished);
