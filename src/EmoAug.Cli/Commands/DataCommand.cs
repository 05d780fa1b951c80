using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using EmoAug.Data;
using EmoAug.Data.Loading;
using EmoAug.Reporting;
using EmoAug.Runtime;
using Spectre.Console;

namespace EmoAug.Cli.Commands;

/// <summary>`emoaug data ...`: look at datasets.</summary>
public static class DataCommand
{
    /// <param name="output">Where commands print (default: the console); tests pass a StringWriter.</param>
    public static Command Create(TextWriter? output = null)
    {
        var data = new Command("data", "Work with datasets: inspect what a path holds.");
        data.Subcommands.Add(CreateInspect(output));
        data.Subcommands.Add(CreateFraming());
        return data;
    }

    /// <summary>`data framing PATH [--split S]`: how the set's crops frame the face (the numbers --align-faces crops by).</summary>
    static Command CreateFraming()
    {
        var path = new Argument<string>("path") { Description = "A dataset of cropped faces (FER2013)." };
        var split = new Option<string?>("--split") { Description = "Measure this split only [default: every image]." };
        var count = new Option<int>("--count") { Description = "Faces to measure, evenly spaced through the split", DefaultValueFactory = _ => 2000 };
        var framing = new Command("framing", "Measure where a dataset's crops put the face detector's box: its side and centre as shares of the crop.");
        framing.Arguments.Add(path);
        framing.Options.Add(split);
        framing.Options.Add(count);
        framing.SetAction(CommandRunner.Guard(parse =>
        {
            TorchRuntime.Ensure();
            var dataPath = parse.GetValue(path)!;
            using var dataset = DatasetLoader.Load(dataPath, new LoadOptions());
            var name = parse.GetValue(split);
            using var part = name == null ? dataset.WhereSplit(dataset.SplitNames().ToArray()) : dataset.WhereSplit(
                dataset.SplitNames().FirstOrDefault(n => n.Equals(name, StringComparison.OrdinalIgnoreCase))
                ?? throw new EmoAugException($"--split {name}: {dataPath} has no such split (it has: {string.Join(", ", dataset.SplitNames())})"));
            int wanted = parse.GetValue(count);
            if (wanted < 1) throw new EmoAugException($"--count {wanted}: must be at least 1");
            using var index = TorchSharp.torch.linspace(0, part.Count - 1, Math.Min(wanted, part.Count)).round().to(TorchSharp.torch.ScalarType.Int64);
            using var faces = part.Images.index_select(0, index);
            using var detector = EmoAug.Data.Faces.FaceDetector.Create();
            var (measured, found) = EmoAug.Data.Faces.FaceFraming.Measure(faces, detector);
            Console.WriteLine($"faces found in {found} of {faces.shape[0]} images ({100.0 * found / faces.shape[0]:F1}%)");
            Console.WriteLine($"box side / crop side {measured.BoxShare:F4}, centre offset x {measured.OffsetX:+0.0000;-0.0000}, y {measured.OffsetY:+0.0000;-0.0000} (shares of the crop side)");
            return 0;
        }));
        return framing;
    }

    static Command CreateInspect(TextWriter? output)
    {
        var path = new Argument<string>("path")
            { Description = "A dataset: FER2013 CSV, class folders, JAFFE or SFEW folder, or 'synthetic'." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of tables." };
        var grid = new Option<string?>("--grid")
            { Description = "Also write a PNG of sample faces, one row per class.", HelpName = "FILE.png" };
        var format = new Option<string>("--format")
        {
            Description = $"Loader to use: {string.Join(", ", ClosedSet.Names<DataFormat>())} (auto: detect it from the path).",
            DefaultValueFactory = _ => "auto",
        };
        var size = new Option<int>("--size")
            { Description = "Side of the square gray images after resizing.", DefaultValueFactory = _ => 48 };
        var skipInvalid = new Option<bool>("--skip-invalid")
            { Description = "Skip unreadable images and bad rows, and report them, instead of stopping." };
        var excludeList = new Option<string?>("--exclude-list")
        {
            Description = "Text file of images to leave out, relative to the dataset (e.g. SFEW's bad_alignment.txt).",
            HelpName = "FILE",
        };
        var noCache = new Option<bool>("--no-cache") { Description = "Decode every file; neither read nor write the load cache." };
        var alignFaces = new Option<bool>("--align-faces") { Description = "Detect each image's face and crop it as FER2013 frames faces (the notes count the images without one)." };

        var inspect = new Command("inspect", "Show what a dataset holds: format, counts per split and class, size, subjects.");
        inspect.Arguments.Add(path);
        foreach (var option in new Option[] { json, grid, format, size, skipInvalid, excludeList, noCache, alignFaces })
            inspect.Options.Add(option);
        inspect.SetAction(CommandRunner.Guard(parse =>
        {
            var writer = output ?? Console.Out;
            var options = new LoadOptions(Size: parse.GetValue(size), Format: DataFormats.Parse(parse.GetValue(format)!),
                SkipInvalid: parse.GetValue(skipInvalid), ExcludeList: parse.GetValue(excludeList),
                UseCache: !parse.GetValue(noCache), AlignFaces: parse.GetValue(alignFaces));
            var gridPath = parse.GetValue(grid);
            if (gridPath != null && !gridPath.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
                throw new EmoAugException($"--grid {gridPath}: the grid is a PNG; give a file name ending in .png");
            TorchRuntime.Ensure(); // before the clock: LibTorch's one-time start-up is no part of loading
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var cpuBefore = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
            var (dataset, report) = DatasetLoader.LoadWithReport(parse.GetValue(path)!, options);
            // reported for docs/benchmarks.md; CPU time too, since wall time on a shared machine says little
            var loadTime = new LoadTime(clock.Elapsed,
                System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpuBefore);
            using (dataset)
            {
                if (gridPath != null) FaceGrid.Write(gridPath, dataset);
                if (parse.GetValue(json)) writer.WriteLine(ToJson(dataset, report, gridPath, loadTime));
                else PrintTables(writer, parse.GetValue(path)!, dataset, report, gridPath, loadTime);
            }
            return 0;
        }));
        return inspect;
    }

    /// <summary>Images per split and class, splits in the dataset's order, classes in label order.</summary>
    static List<(string Split, int[] Counts)> CountsBySplit(FaceDataset dataset)
    {
        var labels = dataset.LabelArray();
        var splits = dataset.SplitNames().Select(s => (Split: s, Counts: new int[dataset.ClassNames.Count + 1])).ToList();
        var bySplit = splits.ToDictionary(s => s.Split, s => s.Counts);
        for (int i = 0; i < labels.Length; i++)
            bySplit[dataset.Samples[i].Split][labels[i] < 0 ? dataset.ClassNames.Count : (int)labels[i]]++;
        return splits;
    }

    static int? SubjectCount(FaceDataset dataset) =>
        dataset.Samples.Any(s => s.Subject != null)
            ? dataset.Samples.Where(s => s.Subject != null).Select(s => s.Subject).Distinct().Count()
            : null;

    static string ToJson(FaceDataset dataset, LoadReport report, string? gridPath, LoadTime loadTime)
    {
        var splits = new JsonObject();
        foreach (var (split, counts) in CountsBySplit(dataset))
        {
            var perClass = new JsonObject();
            for (int c = 0; c < dataset.ClassNames.Count; c++) perClass[dataset.ClassNames[c]] = counts[c];
            if (counts[^1] > 0) perClass["unlabelled"] = counts[^1];
            splits[split] = perClass;
        }
        var reasons = new JsonObject();
        foreach (var (kind, count) in report.SkippedByKind()) reasons[kind] = count;
        var root = new JsonObject
        {
            ["format"] = report.Format,
            ["total"] = dataset.Count,
            ["size"] = new JsonArray(dataset.Height, dataset.Width),
            ["classes"] = new JsonArray(dataset.ClassNames.Select(c => (JsonNode)JsonValue.Create(c)).ToArray()),
            ["splits"] = splits,
            ["subjects"] = SubjectCount(dataset),
            ["skipped"] = report.Skipped.Count,
            ["skippedByKind"] = reasons,
            ["skippedFiles"] = new JsonArray(report.Skipped
                .Select(s => (JsonNode)new JsonObject { ["source"] = s.Source, ["kind"] = s.Kind, ["message"] = s.Message })
                .ToArray()),
            ["excluded"] = report.Excluded,
            ["notes"] = new JsonArray(report.Notes.Select(n => (JsonNode)JsonValue.Create(n)).ToArray()),
            ["fromCache"] = report.FromCache,
            ["loadSeconds"] = Math.Round(loadTime.Wall.TotalSeconds, 3),
            ["loadCpuSeconds"] = Math.Round(loadTime.Cpu.TotalSeconds, 3),
            ["grid"] = gridPath,
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    static void PrintTables(TextWriter writer, string path, FaceDataset dataset, LoadReport report, string? gridPath,
        LoadTime loadTime)
    {
        // A terminal gets colour and its own width; a file, pipe or test writer gets plain text wide enough for the table.
        bool terminal = ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });
        if (!terminal) console.Profile.Width = 200;
        var subjects = SubjectCount(dataset);
        console.MarkupLine($"[bold]{Markup.Escape(path)}[/]");
        console.MarkupLine($"format: [bold]{report.Format}[/]" + (report.FromCache ? " (from the load cache)" : ""));
        console.WriteLine($"images: {dataset.Count}, {dataset.Height}x{dataset.Width} gray");
        console.WriteLine($"subjects: {(subjects?.ToString() ?? "unknown")}");
        console.WriteLine($"load time: {loadTime.Wall.TotalSeconds:F2} s ({loadTime.Cpu.TotalSeconds:F2} s CPU)");
        var bySplit = CountsBySplit(dataset);
        bool unlabelled = bySplit.Any(s => s.Counts[^1] > 0);
        var table = new Table().AddColumn("split");
        foreach (var name in dataset.ClassNames) table.AddColumn(new TableColumn(Markup.Escape(name)).RightAligned());
        if (unlabelled) table.AddColumn(new TableColumn("unlabelled").RightAligned());
        table.AddColumn(new TableColumn("total").RightAligned());
        var totals = new int[dataset.ClassNames.Count + 1];
        foreach (var (split, counts) in bySplit)
        {
            for (int c = 0; c < totals.Length; c++) totals[c] += counts[c];
            table.AddRow(Row(Markup.Escape(split), counts, unlabelled));
        }
        if (bySplit.Count > 1) table.AddRow(Row("[bold]all[/]", totals, unlabelled));
        console.Write(table);
        if (report.Skipped.Count > 0)
        {
            console.MarkupLine($"[yellow]skipped {report.Skipped.Count}[/]: " + Markup.Escape(
                string.Join(", ", report.SkippedByKind().Select(k => $"{k.Count} {k.Kind}"))));
            foreach (var item in report.Skipped.Take(10)) console.WriteLine($"  {item.Source}: {item.Message}");
            if (report.Skipped.Count > 10) console.WriteLine($"  ... and {report.Skipped.Count - 10} more (see --json)");
        }
        else console.WriteLine("skipped: none");
        if (report.Excluded > 0) console.WriteLine($"excluded by list: {report.Excluded}");
        foreach (var note in report.Notes) console.WriteLine($"note: {note}");
        if (gridPath != null)
            console.WriteLine($"grid: {gridPath} (rows: {string.Join(", ", dataset.ClassNames)})");
    }

    /// <summary>How long the load took on the clock and in CPU time (all threads).</summary>
    sealed record LoadTime(TimeSpan Wall, TimeSpan Cpu);

    static string[] Row(string first, int[] counts, bool unlabelled)
    {
        var cells = new List<string> { first };
        cells.AddRange(counts[..^1].Select(c => c.ToString()));
        if (unlabelled) cells.Add(counts[^1].ToString());
        cells.Add(counts.Sum().ToString());
        return cells.ToArray();
    }
}
