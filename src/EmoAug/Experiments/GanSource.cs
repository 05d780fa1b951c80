using System.Text.Json.Serialization;

namespace EmoAug.Experiments;

/// <summary>
/// Where an experiment's CycleGANs come from, as one value, so that the options that exclude each other cannot be
/// written together: trained in each fold from random weights, started from given GANs and trained on each fold's
/// faces, or given GANs used as they are. Only GANs a fold trains can be guided. The planner resolves it against the
/// given checkpoints (<see cref="Planning.GeneratorSource"/>).
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(Train), "train")]
[JsonDerivedType(typeof(StartFrom), "start_from")]
[JsonDerivedType(typeof(UseAsIs), "use_as_is")]
public abstract record GanSource
{
    /// <summary>Each fold trains its CycleGANs from random weights (the default), guided or not.</summary>
    public sealed record Train(GanGuide? Guide = null) : GanSource;

    /// <summary>Each fold's CycleGANs start from these (one per target, --gan-init-from) and train on its faces.</summary>
    public sealed record StartFrom(IReadOnlyList<string> Gans, GanGuide? Guide = null) : GanSource;

    /// <summary>These CycleGANs (one per target, --gan-from), or this one StarGAN (with --generator stargan), serve every
    /// fold as they are.</summary>
    public sealed record UseAsIs(IReadOnlyList<string> Gans) : GanSource;

    /// <summary>The guide of the GANs the folds train, or null.</summary>
    [JsonIgnore]
    public GanGuide? FoldGuide => this switch { Train t => t.Guide, StartFrom s => s.Guide, _ => null };

    /// <summary>The source the four command-line options describe, or a one-line error naming the option that cannot
    /// go with the others.</summary>
    public static GanSource Of(IReadOnlyList<string>? ganFrom, IReadOnlyList<string>? ganInitFrom, bool guide, bool guideAugment)
    {
        if (guideAugment && !guide) throw new EmoAugException("--gan-guide-augment: needs --gan-guide");
        GanGuide? guided = guide ? new GanGuide(guideAugment) : null;
        if (ganFrom is { Count: > 0 } given)
        {
            if (guide) throw new EmoAugException("--gan-guide: guides the GANs this experiment trains; --gan-from gives one trained already");
            if (ganInitFrom is { Count: > 0 })
                throw new EmoAugException("--gan-init-from: starts the GANs each fold trains; --gan-from uses trained ones as they are; give one of the two");
            return new UseAsIs(given);
        }
        return ganInitFrom is { Count: > 0 } starts ? new StartFrom(starts, guided) : new Train(guided);
    }
}

/// <summary>Each fold's GANs guided by a classifier trained like the oversample arm on the fold's real faces (--gan-guide);
/// with <paramref name="Augment"/> it judges randomly mirrored, shifted and blurred translations (--gan-guide-augment).</summary>
public sealed record GanGuide(bool Augment = false);
