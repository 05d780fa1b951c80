namespace EmoAug.Generators.CycleGan;

/// <summary>
/// One iteration's (or an epoch's mean) loss terms. Adversarial terms are the generators' least-squares losses;
/// cycle, identity and guide terms already include their weights (lambda, identity * lambda, guide weight);
/// discriminator terms are halved. The guide terms (the classifier's cross-entropy on G_AB's and G_BA's faces) are 0
/// without a guide, and in histories written before it existed.
/// </summary>
public sealed record CycleGanLosses(double AdversarialAB, double AdversarialBA, double CycleA, double CycleB,
    double IdentityA, double IdentityB, double DiscriminatorA, double DiscriminatorB, double GuideAB = 0, double GuideBA = 0)
{
    public static readonly string[] Names =
        ["adv_ab", "adv_ba", "cycle_a", "cycle_b", "identity_a", "identity_b", "d_a", "d_b", "guide_ab", "guide_ba"];

    public double Generator => AdversarialAB + AdversarialBA + CycleA + CycleB + IdentityA + IdentityB + GuideAB + GuideBA;

    public double[] ToArray() =>
        [AdversarialAB, AdversarialBA, CycleA, CycleB, IdentityA, IdentityB, DiscriminatorA, DiscriminatorB, GuideAB, GuideBA];

    public static CycleGanLosses FromArray(IReadOnlyList<double> v) => new(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]);

    public static readonly CycleGanLosses Zero = new(0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>Term by term: iterations' losses summed for an epoch's mean.</summary>
    public static CycleGanLosses operator +(CycleGanLosses a, CycleGanLosses b) =>
        FromArray(a.ToArray().Zip(b.ToArray(), (x, y) => x + y).ToArray());

    /// <summary>Every term divided by <paramref name="count"/>: the mean of that many iterations' sum.</summary>
    public CycleGanLosses MeanOf(int count) => FromArray(ToArray().Select(v => v / count).ToArray());

    public override string ToString() =>
        $"G {Generator:F3} (adv {AdversarialAB:F3}/{AdversarialBA:F3}, cyc {CycleA:F3}/{CycleB:F3}, id {IdentityA:F3}/{IdentityB:F3}" +
        (GuideAB != 0 || GuideBA != 0 ? $", guide {GuideAB:F3}/{GuideBA:F3}" : "") + $") D {DiscriminatorA:F3}/{DiscriminatorB:F3}";
}

/// <summary>What one finished epoch left: its mean losses, learning rate and wall time.</summary>
public sealed record CycleGanEpoch(int Epoch, CycleGanLosses MeanLosses, double LearningRate, int Iterations, double Seconds);

/// <summary>Reported to the progress callback after every iteration.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Iteration">1-based iteration within the epoch.</param>
/// <param name="RunningMean">Mean losses of the epoch so far.</param>
/// <param name="EpochFinished">True on the call that follows the epoch's grid and checkpoint.</param>
public sealed record CycleGanProgress(int Epoch, int TotalEpochs, int Iteration, int IterationsPerEpoch,
    CycleGanLosses RunningMean, bool EpochFinished);
