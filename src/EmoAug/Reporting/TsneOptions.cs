namespace EmoAug.Reporting;

/// <summary>
/// Settings of <see cref="Tsne.Embed(double[][], TsneOptions)"/>. Defaults follow van der Maaten's bhtsne and
/// scikit-learn: perplexity 30, 1000 iterations, exaggeration 12 for the first 250, momentum 0.5 then 0.8.
/// </summary>
public sealed record TsneOptions
{
    /// <summary>Effective number of neighbours each point attends to. Clamped to (n - 1) / 3 for small inputs.</summary>
    public double Perplexity { get; init; } = 30;

    /// <summary>Gradient-descent iterations in total (the early-exaggeration ones included).</summary>
    public int Iterations { get; init; } = 1000;

    /// <summary>Step size; null = "auto": max(n / EarlyExaggeration / 4, 50) (Belkina et al. 2019, as scikit-learn).</summary>
    public double? LearningRate { get; init; }

    /// <summary>Factor on the attractive forces during the first <see cref="ExaggerationIterations"/>.</summary>
    public double EarlyExaggeration { get; init; } = 12;

    public int ExaggerationIterations { get; init; } = 250;

    /// <summary>Momentum while exaggerating.</summary>
    public double InitialMomentum { get; init; } = 0.5;

    /// <summary>Momentum afterwards.</summary>
    public double FinalMomentum { get; init; } = 0.8;

    /// <summary>Barnes-Hut accuracy: a cell is summarised when its width / distance is below theta. 0 = exact O(n^2).</summary>
    public double Theta { get; init; } = 0.5;

    /// <summary>Dimensions kept by the PCA that runs first (when the input has more); 0 = no PCA.</summary>
    public int PcaDimensions { get; init; } = 50;

    /// <summary>Seed of the random initial layout; the same seed gives the same embedding.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Worker threads for the per-point loops; 0 = all cores. The result does not depend on it.</summary>
    public int Threads { get; init; }
}
