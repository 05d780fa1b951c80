using System.Globalization;

namespace EmoAug.Experiments;

/// <summary>
/// What one arm trains with. Arms that resolve to the same settings (sweep at 0% and the baseline, say) share their
/// classifier runs, so nothing is trained twice.
/// </summary>
/// <param name="Augment">Classic augmentation on the fly (flip, shift, rotation, brightness/contrast).</param>
/// <param name="Oversample">Rare classes drawn more often so every class is equally likely.</param>
/// <param name="ClassWeights">Loss weighted by inverse class frequency.</param>
/// <param name="GeneratedShare">Generated faces added per target class, as a share of its real training count.</param>
/// <param name="FilterGenerated">Keep only the generated faces that the baseline classifier finds most like the
/// target class (the most confident half of twice as many generated).</param>
public sealed record ArmSettings(bool Augment, bool Oversample, bool ClassWeights, double GeneratedShare, bool FilterGenerated)
{
    /// <summary>The baseline's: real faces as they are.</summary>
    public static readonly ArmSettings Baseline = new(false, false, false, 0, false);

    /// <summary>The oversample arm's: real faces only, every class drawn equally often.</summary>
    public static readonly ArmSettings RealOversampled = new(false, true, false, 0, false);

    public bool UsesGan => GeneratedShare > 0;

    /// <summary>A short stable key naming these settings, used for unit folders.</summary>
    public string Key =>
        string.Join("-", new[]
        {
            GeneratedShare > 0 ? "gen" + (GeneratedShare * 100).ToString("0", CultureInfo.InvariantCulture) : "real",
            FilterGenerated ? "filtered" : null, Augment ? "classic" : null, Oversample ? "oversample" : null,
            ClassWeights ? "weighted" : null,
        }.Where(s => s != null));
}

/// <summary>The arms an experiment can compare, by name.</summary>
public static class ExperimentArms
{
    public const string Baseline = "baseline", Classic = "classic", Oversample = "oversample", ClassWeights = "class-weights",
        Gan = "gan", GanClassic = "gan+classic", GanOversample = "gan+oversample", GanFiltered = "gan-filtered", Sweep = "sweep";

    /// <summary>Every arm, in report order.</summary>
    public static readonly IReadOnlyList<string> All =
        [Baseline, Classic, Oversample, ClassWeights, Gan, GanClassic, GanOversample, GanFiltered, Sweep];

    /// <summary>
    /// The arms' concrete settings in report order; "sweep" expands to one arm per amount ("sweep-25%", ...).
    /// </summary>
    public static List<(string Name, ArmSettings Settings)> Resolve(ExperimentOptions options)
    {
        var arms = new List<(string, ArmSettings)>();
        foreach (var name in options.ArmNames)
        {
            switch (name.ToLowerInvariant())
            {
                case Baseline: arms.Add((Baseline, ArmSettings.Baseline)); break;
                case Classic: arms.Add((Classic, new(true, false, false, 0, false))); break;
                case Oversample: arms.Add((Oversample, ArmSettings.RealOversampled)); break;
                case ClassWeights: arms.Add((ClassWeights, new(false, false, true, 0, false))); break;
                case Gan: arms.Add((Gan, new(false, false, false, options.GanAmount, false))); break;
                case GanClassic: arms.Add((GanClassic, new(true, false, false, options.GanAmount, false))); break;
                // Oversampling counts generated faces with the real ones of their class: both share its draws.
                case GanOversample: arms.Add((GanOversample, new(false, true, false, options.GanAmount, false))); break;
                case GanFiltered: arms.Add((GanFiltered, new(false, false, false, options.GanAmount, true))); break;
                case Sweep:
                    foreach (var share in options.Sweep)
                        arms.Add((SweepName(share), new(false, false, false, share, false)));
                    break;
                default:
                    throw new EmoAugException($"--arms {name}: unknown arm; choose from {string.Join(", ", All)}");
            }
        }
        return arms;
    }

    public static string SweepName(double share) =>
        "sweep-" + (share * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    /// <summary>True for the arms of the amount sweep.</summary>
    public static bool IsSweep(string armName) => armName.StartsWith("sweep-", StringComparison.Ordinal);
}
