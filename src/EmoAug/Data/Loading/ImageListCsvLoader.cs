namespace EmoAug.Data.Loading;

/// <summary>
/// A list of image files with their labels, one per CSV row: the layout RAF-DB, AffectNet and ExpW use, and the
/// escape hatch for any other set (write the list, load the set). The header names the columns in any order and case:
/// a path column (<c>path</c>, <c>file</c>, <c>filename</c>, <c>image</c>, ...), a label column (<c>label</c>,
/// <c>emotion</c>, <c>expression</c>, <c>class</c>), and optionally a split (<c>split</c>, <c>usage</c>, ...) and a
/// subject (<c>subject</c>, <c>person</c>, ...). Paths are relative to the CSV's folder, or absolute. Labels are class
/// names or their synonyms (<see cref="EmotionVocabulary.Canonical"/>); numeric codes are refused, because they mean
/// different emotions in different sets (RAF-DB's 1 is surprise, FER2013's is disgust).
/// </summary>
internal static class ImageListCsvLoader
{

    static readonly string[] PathColumns = ["path", "file", "filename", "file_name", "image", "image_path", "img", "subdirectory_filepath"];
    static readonly string[] LabelColumns = ["label", "emotion", "expression", "class", "class_name"];
    static readonly string[] SplitColumns = ["split", "usage", "set", "partition", "subset"];
    static readonly string[] SubjectColumns = ["subject", "person", "identity", "id_subject"];

    /// <summary>True when the CSV's header names a path column: an image list rather than FER2013's pixel rows.</summary>
    public static bool LooksLikeImageList(string csvPath)
    {
        using var reader = new StreamReader(csvPath);
        var header = reader.ReadLine();
        if (header == null) return false;
        var columns = Columns(header);
        return !columns.Contains("pixels") && Find(columns, PathColumns) >= 0;
    }

    public static LoadPlan Plan(string csvPath, LoadOptions options, ProblemSink sink)
    {
        var csv = new FileInfo(csvPath);
        var folder = csv.DirectoryName!;
        using var reader = new StreamReader(csvPath);
        var header = reader.ReadLine() ?? throw new EmoAugException($"{csvPath}: empty file (expected a header line)");
        var columns = Columns(header);
        int pathColumn = Find(columns, PathColumns), labelColumn = Find(columns, LabelColumns);
        int splitColumn = Find(columns, SplitColumns), subjectColumn = Find(columns, SubjectColumns);
        if (pathColumn < 0)
            throw new EmoAugException($"{csvPath}:1: no image path column in the header (expected one of {string.Join(", ", PathColumns)})");
        if (labelColumn < 0)
            throw new EmoAugException($"{csvPath}:1: no label column in the header (expected one of {string.Join(", ", LabelColumns)})");

        var excludeSet = ExclusionList.Read(options.ExcludeList, folder);
        var files = new List<LabelledFile>();
        int lineNumber = 1, excluded = 0;
        for (var line = reader.ReadLine(); line != null; line = reader.ReadLine())
        {
            lineNumber++;
            if (line.Trim().Length == 0) continue;
            var source = $"{csvPath}:{lineNumber}";
            var fields = line.Split(',').Select(f => f.Trim().Trim('"').Trim()).ToArray();
            if (fields.Length != columns.Count)
            {
                sink.Report(source, "wrong-field-count", $"expected {columns.Count} fields, got {fields.Length}");
                continue;
            }
            var label = fields[labelColumn];
            var className = EmotionVocabulary.Canonical(label);
            if (className == null)
            {
                var why = label.Length > 0 && label.All(char.IsAsciiDigit)
                    ? "numeric codes differ between datasets; write class names"
                    : $"expected {string.Join(", ", EmotionVocabulary.Basic)} or a synonym";
                sink.Report(source, "unknown-emotion", $"unknown emotion '{label}' ({why})");
                continue;
            }
            var image = new FileInfo(Path.Combine(folder, fields[pathColumn]));
            if (excludeSet.Contains(image.FullName)) { excluded++; continue; }
            if (!image.Exists)
            {
                sink.Report(source, "missing-image", $"no such image '{fields[pathColumn]}'");
                continue;
            }
            var split = splitColumn >= 0 && fields[splitColumn].Length > 0 ? fields[splitColumn] : SplitRoles.All;
            if (SplitRoles.Unknown(split) is { } unknownSplit) throw new EmoAugException($"{source}: {unknownSplit}");
            var subject = subjectColumn >= 0 && fields[subjectColumn].Length > 0 ? fields[subjectColumn] : null;
            files.Add(LabelledFile.From(image, className, subject, split));
        }
        if (files.Count == 0) throw new EmoAugException($"{csvPath}: no images listed could be read");

        var notes = excluded > 0 ? new List<string> { $"{excluded} images left out as listed in {options.ExcludeList}" } : [];
        var classes = EmotionVocabulary.ClassListFor(files.Select(f => f.ClassName));
        // The list itself is an input too: relabelling a row must rebuild the cache.
        var inputs = files.Select(f => (f.Path, f.Length, f.LastWriteTicks)).Prepend((csv.FullName, csv.Length, csv.LastWriteTimeUtc.Ticks)).ToList();
        return new LoadPlan(DataFormat.ImageList, folder, inputs, notes, excluded,
            decodeSink => ImageListDecoder.Decode(files, options.Size, decodeSink, classes, options.AlignFaces));
    }

    static List<string> Columns(string header) =>
        header.Split(',').Select(c => c.Trim().Trim('"').Trim().ToLowerInvariant()).ToList();

    static int Find(List<string> columns, string[] names) => columns.FindIndex(names.Contains);
}
