using EmoAug.Generators.CycleGan;
using EmoAug.Generators.StarGan;
using EmoAug.Models;
using EmoAug.Training;
using TorchSharp;
using EmoAug.Runtime;
using static TorchSharp.torch;

namespace EmoAug.Generators;

/// <summary>
/// A trained generator of either family, opened for one translation: a CycleGAN's generator in one direction, or a
/// StarGAN's generator with one target class. Faces go in and come out in the GAN range [-1, 1].
/// </summary>
public sealed class FaceTranslator : IDisposable
{
    readonly Func<Tensor, Tensor> translate;
    readonly IDisposable networks;

    FaceTranslator(GeneratorFamily family, string checkpoint, IReadOnlyList<string> sources, string target, int size, int trained,
        IReadOnlyList<string> classNames, Func<Tensor, Tensor> translate, IDisposable networks)
    {
        Family = family;
        CheckpointPath = checkpoint;
        SourceClasses = sources;
        TargetClass = target;
        Size = size;
        Trained = trained;
        ClassNames = classNames;
        this.translate = translate;
        this.networks = networks;
    }

    public GeneratorFamily Family { get; }
    public string CheckpointPath { get; }
    /// <summary>The classes whose faces it translates (a CycleGAN's one; a StarGAN's chosen ones).</summary>
    public IReadOnlyList<string> SourceClasses { get; }
    public string TargetClass { get; }
    /// <summary>A short name of the sources for file names: the class, or "any" for several.</summary>
    public string SourceName => SourceClasses.Count == 1 ? SourceClasses[0] : "any";
    public int Size { get; }
    /// <summary>How far it was trained: a CycleGAN's epochs, a StarGAN's iterations.</summary>
    public int Trained { get; }
    /// <summary>The classes of the data it was trained on.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    public Tensor Translate(Tensor faces) => translate(faces);

    /// <summary>The checkpoint file for a --gan argument: the file itself, or the one checkpoint inside a run folder.</summary>
    public static string Resolve(string pathOrDirectory, string option = "--gan")
    {
        if (!Directory.Exists(pathOrDirectory))
            return File.Exists(pathOrDirectory) ? pathOrDirectory
                : throw new EmoAugException($"{option} {pathOrDirectory}: no such generator checkpoint or run folder");
        var found = new[] { CycleGanCheckpoint.FileName, StarGanCheckpoint.FileName }
            .Select(name => Path.Combine(pathOrDirectory, name)).Where(File.Exists).ToList();
        return found.Count switch
        {
            1 => found[0],
            0 => throw new EmoAugException($"{option} {pathOrDirectory}: no {CycleGanCheckpoint.FileName} or {StarGanCheckpoint.FileName} there"),
            _ => throw new EmoAugException($"{option} {pathOrDirectory}: holds both a CycleGAN and a StarGAN; give the checkpoint file"),
        };
    }

    /// <summary>
    /// Opens a checkpoint. A CycleGAN translates its --from class into its --to class ("a2b") or back ("b2a"); a StarGAN
    /// translates the faces of <paramref name="from"/> (a class, "any" for every class but the target, or null for
    /// neutral where the data have it) into <paramref name="to"/>, which it needs.
    /// </summary>
    public static FaceTranslator Open(string path, string direction = "a2b", string? from = null, string? to = null, ComputeDevice device = default)
    {
        var dev = Runtime.TorchRuntime.Device(device);
        return GeneratorFamilies.Of(path) == GeneratorFamily.StarGan ? OpenStarGan(path, from, to, dev) : OpenCycleGan(path, direction, from, to, dev);
    }

    static FaceTranslator OpenCycleGan(string path, string direction, string? from, string? to, Device device)
    {
        if (direction is not ("a2b" or "b2a")) throw new EmoAugException($"--direction {direction}: must be a2b or b2a");
        var header = CycleGanCheckpoint.ReadHeader(path);
        bool forward = direction == "a2b";
        string source = forward ? header.FromClass : header.ToClass, target = forward ? header.ToClass : header.FromClass;
        if (from is not null && !Same(from, source))
            throw new EmoAugException($"--from {from}: {path} is a CycleGAN from {source} (--direction chooses the way)");
        if (to is not null && !Same(to, target))
            throw new EmoAugException($"--to {to}: {path} is a CycleGAN to {target} (--direction chooses the way)");
        var networks = new CycleGanNetworks(header.Options with { Seed = 0 }, device);
        CycleGanCheckpoint.Load(path, networks);
        var generator = forward ? networks.GeneratorAB : networks.GeneratorBA;
        generator.eval();
        return new FaceTranslator(GeneratorFamily.CycleGan, path, [source], target, header.Size, header.CompletedEpochs, header.ClassNames,
            faces => generator.call(faces), networks);
    }

    static FaceTranslator OpenStarGan(string path, string? from, string? to, Device device)
    {
        var header = StarGanCheckpoint.ReadHeader(path);
        var classes = header.ClassNames;
        if (to is null) throw new EmoAugException($"--to: {path} is a StarGAN of every class; name the class to make ({string.Join(", ", classes)})");
        int target = Index(classes, to, "--to");
        IReadOnlyList<string> sources = from switch
        {
            null when classes.Contains("neutral") && classes[target] != "neutral" => ["neutral"],
            null or "any" => classes.Where((_, i) => i != target).ToList(),
            _ => [classes[Index(classes, from, "--from")]],
        };
        if (sources.Contains(classes[target])) throw new EmoAugException($"--from {from} --to {to}: the two classes must differ");
        var networks = new StarGanNetworks(header.Options with { Seed = 0 }, classes.Count, header.Size, device);
        StarGanCheckpoint.Load(path, networks);
        networks.Generator.eval();
        return new FaceTranslator(GeneratorFamily.StarGan, path, sources, classes[target], header.Size, header.CompletedIterations, classes,
            faces =>
            {
                using var targets = torch.full([faces.shape[0]], target, ScalarType.Int64, device: faces.device);
                return networks.Generator.call(faces, targets);
            }, networks);
    }

    static bool Same(string name, string className) =>
        (Data.EmotionVocabulary.Canonical(name) ?? name).Equals(className, StringComparison.OrdinalIgnoreCase);

    static int Index(IReadOnlyList<string> classes, string name, string option)
    {
        for (int i = 0; i < classes.Count; i++) if (Same(name, classes[i])) return i;
        throw new EmoAugException($"{option} {name}: not a class of the generator (classes: {string.Join(", ", classes)})");
    }

    public void Dispose() => networks.Dispose();
}
