using EmoAug.Data;
using EmoAug.Runtime;
using EmoAug.Training;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using System.Globalization;
using System.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace EmoAug.Generators;

/// <summary>How to generate faces with a trained CycleGAN or StarGAN.</summary>
/// <param name="Count">Faces to write; 0 = one per source-class training image. Above that the sources are reused
/// (in a new shuffled pass; the generator is deterministic, so such faces repeat).</param>
/// <param name="Direction">A CycleGAN's way: "a2b" translates the run's --from class into its --to class; "b2a" the reverse.</param>
/// <param name="From">A StarGAN's source class ("any" = every class but the target; null = neutral, or any where the
/// target is neutral); for a CycleGAN, null or the class the direction translates from.</param>
/// <param name="To">A StarGAN's target class (needed); for a CycleGAN, null or the class the direction translates to.</param>
/// <param name="Seed">Orders the source images (which ones are used when Count is smaller than the class).</param>
/// <param name="BatchSize">Faces translated at once.</param>
/// <param name="Keep">0 = write every face; otherwise write only this many of the Count, the ones a judge finds most
/// like the target class (the field's confidence filtering; needs the judge passed to Generate).</param>
public sealed record GenerationOptions(int Count = 0, string Direction = "a2b", int Seed = 0, int BatchSize = 64,
    int Threads = 0, ComputeDevice Device = default, int Keep = 0, string? From = null, string? To = null);

/// <summary>The faces written by one generation, kept in memory for the quality measures (uint8 [N,1,H,W]).</summary>
public sealed class GeneratedFaces(Tensor generated, Tensor sources, string sourceClass, string targetClass,
    IReadOnlyList<string> files) : IDisposable
{
    public Tensor Generated { get; } = generated;
    public Tensor Sources { get; } = sources;
    public string SourceClass { get; } = sourceClass;
    public string TargetClass { get; } = targetClass;
    public IReadOnlyList<string> Files { get; } = files;

    public void Dispose()
    {
        Generated.Dispose();
        Sources.Dispose();
    }
}

/// <summary>
/// Translates training images of the source class with a checkpoint's generator (CycleGAN or StarGAN) and writes them as PNGs in
/// &lt;out&gt;/&lt;target class&gt;/ (the layout the folder loader reads as a labelled set), plus &lt;out&gt;/manifest.csv
/// (file, class, source image, source class, generator checkpoint, its epoch, direction, seed). Rows of an existing
/// manifest for other files are kept, so several generations can fill one folder.
/// </summary>
public static class FaceGeneration
{
    public const string ManifestName = "manifest.csv";
    const string ManifestHeader = "file,class,source_image,source_class,generator,generator_epoch,direction,seed";

    /// <param name="targetScore">Optional judge: maps uint8 faces [N,1,H,W] to how much each looks like the target
    /// class [N] (a classifier's probability). With it and <see cref="GenerationOptions.Keep"/>, only the Keep
    /// highest-scoring of the Count translations are written, in their generation order.</param>
    public static GeneratedFaces Generate(string checkpointPath, FaceDataset dataset, GenerationOptions options, string outputDirectory,
        Func<Tensor, Tensor>? targetScore = null)
    {
        using var translator = FaceTranslator.Open(checkpointPath, options.Direction, options.From, options.To, options.Device);
        return Generate(translator, dataset, options, outputDirectory, targetScore);
    }

    /// <summary>As above, with a generator already opened (its direction or target chosen; options.From and To are not read).</summary>
    public static GeneratedFaces Generate(FaceTranslator translator, FaceDataset dataset, GenerationOptions options,
        string outputDirectory, Func<Tensor, Tensor>? targetScore = null)
    {
        var checkpointPath = translator.CheckpointPath;
        if (options.Count < 0) throw new EmoAugException($"--count {options.Count}: must be 0 or more");
        if (options.BatchSize < 1) throw new EmoAugException($"--batch-size {options.BatchSize}: must be at least 1");
        if (options.Keep < 0) throw new EmoAugException($"--keep {options.Keep}: must be 0 or more");
        if (options.Keep > 0 && targetScore is null) throw new EmoAugException("--keep: needs a judge (--judge) to choose the faces");
        if (options.Threads > 0) TorchRuntime.Ensure(options.Threads);
        var device = TorchRuntime.Device(options.Device);
        if (dataset.Height != translator.Size || dataset.Width != translator.Size)
            throw new EmoAugException($"--data: faces are {dataset.Height}x{dataset.Width} but {checkpointPath} was trained on {translator.Size}x{translator.Size} (load with --size {translator.Size})");
        string sourceName = translator.SourceName, targetName = translator.TargetClass;
        var sources = translator.SourceClasses.Select(c => TrainingSplit.FindClass(dataset.ClassNames, c)).OfType<int>().ToHashSet();
        var labels = dataset.LabelArray();
        var candidates = TrainingSplit.Indices(dataset).Where(i => labels[i] >= 0 && sources.Contains((int)labels[i])).ToArray();
        if (candidates.Length == 0) throw new EmoAugException($"--data: no training images of class '{sourceName}' to translate");
        int count = options.Count == 0 ? candidates.Length : options.Count;
        // Every translation is kept (as bytes) until all are made, so a judge can choose among them.
        MemoryBudget.Check((double)count * translator.Size * translator.Size, $"--count {options.Count}");
        if (options.Keep > count) throw new EmoAugException($"--keep {options.Keep}: more than the {count} faces generated (--count)");
        var chosen = Choose(candidates, count, new Random(options.Seed));

        // Translate everything first, so that a judge can choose among all of them before anything is written.
        var outputs = new List<Tensor>();
        for (int start = 0; start < count; start += options.BatchSize)
        {
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            using var index = torch.tensor(chosen.Skip(start).Take(options.BatchSize).Select(i => (long)i).ToArray());
            outputs.Add(GanImages.ToBytes(translator.Translate(GanImages.ToGan(dataset.Images.index_select(0, index)).to(device))).cpu()
                .MoveToOuterDisposeScope());
        }
        using var all = torch.cat(outputs, 0);
        foreach (var t in outputs) t.Dispose();
        var kept = Enumerable.Range(0, count).ToArray();
        if (options.Keep > 0)
        {
            using var scores = targetScore!(all).to_type(ScalarType.Float32).cpu();
            kept = MostLikeTarget(scores.data<float>().ToArray(), options.Keep);
        }

        RunFolderLock.RefuseFile(outputDirectory);
        var targetDir = Path.Combine(outputDirectory, targetName);
        Directory.CreateDirectory(targetDir);
        var prefix = $"{sourceName}2{targetName}_s{options.Seed}";
        // The faces are written beside the folder first and moved in once all are written, so that a killed generation
        // leaves no part of itself among the faces that training would read; a stale one from a killed run goes first.
        var partial = Path.Combine(outputDirectory, $".{Path.GetFileName(Path.GetFullPath(outputDirectory))}.{targetName}.{prefix}.partial");
        if (Directory.Exists(partial)) Directory.Delete(partial, recursive: true);
        Directory.CreateDirectory(partial);
        var files = new List<string>(kept.Length);
        var manifestRows = new List<string>(kept.Length);
        int side = translator.Size;
        var pixels = all.contiguous().data<byte>().ToArray();
        foreach (int k in kept)
        {
            // Names keep the generation index, so a kept face has the same name as without a judge.
            var name = $"{prefix}_{k:D5}.png";
            var relative = $"{targetName}/{name}";
            using var image = Image.LoadPixelData<L8>(pixels.AsSpan(k * side * side, side * side), side, side);
            AtomicFile.Write(Path.Combine(partial, name), stream => image.SaveAsPng(stream));
            files.Add(relative);
            manifestRows.Add(string.Join(',', Csv(relative), Csv(targetName), Csv(dataset.Samples[chosen[k]].Source),
                Csv(dataset.ClassNames[(int)labels[chosen[k]]]), Csv(Path.GetFullPath(checkpointPath)),
                translator.Trained.ToString(CultureInfo.InvariantCulture), translator.Family == GeneratorFamily.StarGan ? "to_" + targetName : options.Direction,
                options.Seed.ToString(CultureInfo.InvariantCulture)));
        }
        // The same generation made before (same source, target and seed) is replaced whole: with a smaller --count its
        // faces past the new count would otherwise stay and be trained on.
        foreach (var old in Directory.EnumerateFiles(targetDir, prefix + "_*.png")) File.Delete(old);
        foreach (var file in Directory.EnumerateFiles(partial)) File.Move(file, Path.Combine(targetDir, Path.GetFileName(file)));
        Directory.Delete(partial);
        WriteManifest(Path.Combine(outputDirectory, ManifestName), files, manifestRows, $"{targetName}/{prefix}_");
        using var keptIndex = torch.tensor(kept.Select(k => (long)k).ToArray());
        using var sourceIndex = torch.tensor(kept.Select(k => (long)chosen[k]).ToArray());
        return new GeneratedFaces(all.index_select(0, keptIndex), dataset.Images.index_select(0, sourceIndex), sourceName, targetName, files);
    }

    /// <summary>The positions of the <paramref name="keep"/> highest scores (ties to the earlier face), in ascending order.</summary>
    public static int[] MostLikeTarget(IReadOnlyList<float> scores, int keep) =>
        Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ThenBy(i => i).Take(keep).Order().ToArray();

    static int[] Choose(int[] candidates, int count, Random random)
    {
        var result = new List<int>(count);
        while (result.Count < count)
        {
            var pass = (int[])candidates.Clone();
            random.Shuffle(pass);
            result.AddRange(pass.Take(count - result.Count));
        }
        return result.ToArray();
    }

    /// <summary>The manifest with this generation's rows in place of the rows of any earlier one (files starting with
    /// <paramref name="replacedPrefix"/>).</summary>
    static void WriteManifest(string path, List<string> files, List<string> rows, string replacedPrefix)
    {
        var kept = new List<string>();
        if (File.Exists(path))
            kept.AddRange(File.ReadLines(path).Skip(1).Where(line => line.Length > 0 && !FirstField(line).StartsWith(replacedPrefix, StringComparison.Ordinal)));
        var text = new StringBuilder(ManifestHeader).Append('\n');
        foreach (var row in kept.Concat(rows)) text.Append(row).Append('\n');
        AtomicFile.WriteAllText(path, text.ToString());
    }

    static string FirstField(string line)
    {
        if (!line.StartsWith('"')) return line.Split(',')[0];
        var end = line.IndexOf("\",", 1, StringComparison.Ordinal);
        return end < 0 ? line : line[1..end].Replace("\"\"", "\"");
    }

    static string Csv(string value) =>
        value.IndexOfAny([',', '"', '\n']) < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";
}
