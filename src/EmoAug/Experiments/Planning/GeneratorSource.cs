using EmoAug.Evaluation;
using EmoAug.Generators;
using EmoAug.Generators.CycleGan;
using EmoAug.Generators.StarGan;
using EmoAug.Training;

namespace EmoAug.Experiments.Planning;

/// <summary>A CycleGAN trained beforehand: its checkpoint and header.</summary>
public sealed record GivenGan(string Checkpoint, CycleGanCheckpointHeader Header);

/// <summary>
/// Where an experiment's generators come from (<see cref="GanSource"/>), resolved: each given GAN matched to its target.
/// </summary>
public abstract record GeneratorSource
{
    /// <summary>Each fold trains its own from random weights, guided by a classifier of the fold's faces or not.</summary>
    public sealed record Train(bool Guided) : GeneratorSource;

    /// <summary>Each fold's GANs start from the given one for their target (--gan-init-from) and train on the fold's faces.</summary>
    public sealed record StartFrom(IReadOnlyDictionary<int, GivenGan> PerTarget, bool Guided) : GeneratorSource;

    /// <summary>The given GANs, one per target, are used as they are in every fold (--gan-from).</summary>
    public sealed record Given(IReadOnlyDictionary<int, GivenGan> PerTarget) : GeneratorSource;

    /// <summary>One StarGAN trained beforehand (--generator stargan --gan-from), used as it is in every fold for every
    /// source and target: a StarGAN of a large set (FER2013) making faces for a small one (JAFFE, SFEW).</summary>
    public sealed record GivenStarGan(string Checkpoint, StarGanCheckpointHeader Header) : GeneratorSource;

    public bool IsGuided => this is Train { Guided: true } or StartFrom { Guided: true };

    /// <summary>The GANs trained elsewhere that this source names.</summary>
    public IEnumerable<GivenGan> GivenGans => this switch
    {
        StartFrom s => s.PerTarget.Values,
        Given g => g.PerTarget.Values,
        _ => [],
    };

    /// <summary>The options' generator source, resolved; a one-line error where a given GAN does not fit the experiment.
    /// Reads only the given checkpoints' headers.</summary>
    public static GeneratorSource Of(ExperimentOptions options, DatasetSummary data, IReadOnlyList<int> sources, IReadOnlyList<int> targets)
    {
        return options.GansOrDefault switch
        {
            GanSource.UseAsIs given when options.Family == GeneratorFamily.StarGan => MatchStarGan(given.Gans, data, sources, targets),
            GanSource.UseAsIs given => new Given(Match(given.Gans, "--gan-from", data, sources, targets)),
            GanSource.StartFrom starts => new StartFrom(Match(starts.Gans, "--gan-init-from", data, sources, targets), starts.Guide != null),
            var train => new Train(train.FoldGuide != null),
        };
    }

    /// <summary>
    /// Whether GAN-test's judge (fine-tuned from --init-from, <paramref name="classifierStart"/>) shares its starting
    /// classifier with a guide of the GANs: each fold's guide starts from it too, and a given GAN may have been guided by
    /// it. A translation that fools one then tends to fool the other.
    /// </summary>
    public bool SharesGuideStartWith(string? classifierStart)
    {
        if (classifierStart is null) return false;
        if (IsGuided) return true;
        return GivenGans.SelectMany(g => g.Header.Options.Guide ?? []).Any(guide =>
        {
            try { return Path.GetFullPath(TrainedClassifier.ResolvePath(guide)) == classifierStart; }
            catch (EmoAugException) { return false; } // a guide deleted since cannot be compared
        });
    }

    /// <summary>The one given StarGAN, if it was trained at the data's image size on classes that include every source and
    /// target; a one-line error naming what does not fit.</summary>
    static GivenStarGan MatchStarGan(IReadOnlyList<string> given, DatasetSummary data, IReadOnlyList<int> sources, IReadOnlyList<int> targets)
    {
        const string option = "--gan-from";
        if (given.Count != 1)
            throw new EmoAugException($"{option}: one StarGAN makes every target; {given.Count} were given");
        var path = FaceTranslator.Resolve(given[0], option);
        if (GeneratorFamilies.Of(path) != GeneratorFamily.StarGan)
            throw new EmoAugException($"{option} {given[0]}: a CycleGAN; --generator stargan needs a StarGAN (train-gan --generator stargan), or drop --generator stargan");
        var header = StarGanCheckpoint.ReadHeader(path);
        if (header.Size != data.Size)
            throw new EmoAugException($"{option} {given[0]}: trained on {header.Size}x{header.Size} faces, the data are loaded at {data.Size}x{data.Size} (--size {header.Size})");
        if (sources.Concat(targets).Select(c => data.ClassNames[c]).FirstOrDefault(c => TrainingSplit.FindClass(header.ClassNames, c) is null) is { } missing)
            throw new EmoAugException($"{option} {given[0]}: the StarGAN has no class {missing} (its classes: {string.Join(", ", header.ClassNames)}); see --source and --targets");
        return new GivenStarGan(path, header);
    }

    /// <summary>
    /// Which given CycleGAN (named by <paramref name="option"/>) goes with each target: every GAN must translate the
    /// (one) source into a distinct target of the experiment at its image size, and every target needs one.
    /// </summary>
    static Dictionary<int, GivenGan> Match(IReadOnlyList<string> given, string option, DatasetSummary data,
        IReadOnlyList<int> sources, IReadOnlyList<int> targets)
    {
        if (sources.Count > 1)
            throw new EmoAugException($"{option}: one CycleGAN translates one class, the command gives {sources.Count} sources; give one --source");
        string Pair(int target) => $"{data.ClassNames[sources[0]]} -> {data.ClassNames[target]}";
        var perTarget = new Dictionary<int, GivenGan>();
        foreach (var gan in given)
        {
            var path = FaceTranslator.Resolve(gan, option);
            if (GeneratorFamilies.Of(path) == GeneratorFamily.StarGan)
                throw new EmoAugException($"{option} {gan}: a StarGAN; add --generator stargan to use it");
            var header = CycleGanCheckpoint.ReadHeader(path);
            if (header.Size != data.Size)
                throw new EmoAugException($"{option} {gan}: trained on {header.Size}x{header.Size} faces, the data are loaded at {data.Size}x{data.Size} (--size {header.Size})");
            int? from = TrainingSplit.FindClass(data.ClassNames, header.FromClass), to = TrainingSplit.FindClass(data.ClassNames, header.ToClass);
            if (from != sources[0] || to is not { } target || !targets.Contains(target))
                throw new EmoAugException($"{option} {gan}: translates {header.FromClass} -> {header.ToClass}, the experiment needs " +
                    $"{string.Join(" or ", targets.Select(Pair))} (see --source and --targets)");
            if (!perTarget.TryAdd(target, new GivenGan(path, header)))
                throw new EmoAugException($"{option} {gan}: a second CycleGAN for {Pair(target)} (the first is {perTarget[target].Checkpoint})");
        }
        if (targets.FirstOrDefault(t => !perTarget.ContainsKey(t), -1) is var missing and >= 0)
            throw new EmoAugException($"{option}: none of the {given.Count} CycleGAN(s) given translates {Pair(missing)}; give one per target (see --targets)");
        return perTarget;
    }
}
