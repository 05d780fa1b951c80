using EmoAug.Data.Loading;
using static TorchSharp.torch;

namespace EmoAug.Data;

/// <summary>
/// Loads any supported dataset from a path, or the built-in synthetic set by its name ("synthetic", or
/// "synthetic:seed=3" for another seed). The format is detected from the path (<see cref="FormatDetector"/>) unless
/// <see cref="LoadOptions.Format"/> names it. Decoded image sets are kept in a load cache (see <see cref="LoadOptions"/>).
/// </summary>
public static class DatasetLoader
{
    public static FaceDataset Load(string pathOrName, LoadOptions options) => LoadWithReport(pathOrName, options).Dataset;

    /// <summary>Loads like <see cref="Load"/> and also says what was skipped, excluded, noted and cached.</summary>
    public static LoadResult LoadWithReport(string pathOrName, LoadOptions options)
    {
        if (options.Size is < 4 or > 1024)
            throw new EmoAugException($"--size {options.Size}: image size must be between 4 and 1024 pixels");
        if (SyntheticOptions.IsSpec(pathOrName))
            return new LoadResult(SyntheticFaces.Generate(SyntheticOptions.Parse(pathOrName, new SyntheticOptions(Size: options.Size))),
                new LoadReport(SyntheticFaces.Name, [], 0, [], FromCache: false));
        if (!File.Exists(pathOrName) && !Directory.Exists(pathOrName))
            throw new EmoAugException($"{pathOrName}: no such file or folder");

        var format = options.Format == DataFormat.Auto ? FormatDetector.Detect(pathOrName) : options.Format;
        var discovery = new ProblemSink(options.SkipInvalid);
        var plan = Plan(format, pathOrName, options, discovery);

        var notes = new List<string>(plan.Notes);
        var cache = LoadCache.For(options);
        DecodedSet? set = null;
        string? cacheFile = null, key = null;
        if (cache != null)
        {
            cacheFile = cache.FileFor(plan, options);
            key = LoadCache.Key(plan, options);
            set = cache.TryRead(cacheFile, key, out var why);
            if (why != null) notes.Add($"load cache {why}: rebuilt");
        }
        bool fromCache = set != null;
        if (set == null)
        {
            set = plan.Decode(new ProblemSink(options.SkipInvalid));
            if (cache != null) TryWrite(cache, cacheFile!, key!, set, notes);
        }
        if (set.Samples.Count == 0)
        {
            set.Images.Dispose();
            throw new EmoAugException($"{pathOrName}: no images could be loaded ({set.Skipped.Count} skipped)");
        }

        var dataset = new FaceDataset(set.Images, tensor(set.Labels), set.Samples, set.ClassNames, ClosedSet.Name(format));
        var report = new LoadReport(ClosedSet.Name(format), [.. discovery.Skipped, .. set.Skipped], plan.Excluded,
            [.. notes, .. set.Notes], fromCache);
        return new LoadResult(dataset, report);
    }

    static LoadPlan Plan(DataFormat format, string path, LoadOptions options, ProblemSink sink)
    {
        bool folder = Directory.Exists(path);
        // The CSV formats take the file itself, or the one CSV a folder holds.
        string Csv() => folder
            ? FormatDetector.CsvIn(path) ?? throw new EmoAugException($"{path}: no CSV file in this folder")
            : path;
        return format switch
        {
            DataFormat.Fer2013Csv => Fer2013CsvLoader.Plan(Csv(), options),
            DataFormat.ImageList => ImageListCsvLoader.Plan(Csv(), options, sink),
            _ when !folder => throw new EmoAugException($"{path}: the {ClosedSet.Name(format)} format needs a folder"),
            DataFormat.Folders => FolderLoader.Plan(path, options, sink),
            DataFormat.Jaffe => JaffeLoader.Plan(path, options, sink),
            DataFormat.Kdef => KdefLoader.Plan(path, options, sink),
            DataFormat.Sfew => SfewLoader.Plan(path, options, sink),
            DataFormat.FileNames => FileNameLoader.Plan(path, options, sink),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "no loader"),
        };
    }

    // A cache that cannot be written (read-only disk, full disk) costs speed, not correctness.
    static void TryWrite(LoadCache cache, string file, string key, DecodedSet set, List<string> notes)
    {
        try { cache.Write(file, key, set); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            notes.Add($"load cache not written to {cache.Folder}: {ex.Message.Split('\n')[0]}");
        }
    }
}
