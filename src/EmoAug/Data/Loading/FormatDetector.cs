namespace EmoAug.Data.Loading;

/// <summary>
/// Picks the loader for a path. Rules, first match wins:
/// a .csv file is image-list when its header names an image path column, else fer2013-csv; a folder holding bad_alignment.txt or named like "sfew" is sfew; a folder with
/// sub-folders of images is kdef when at least half its images have KDEF names (AF01ANS.JPG), else folders; a flat folder of images named like KA.AN1.39.tiff is jaffe; a flat folder of
/// images whose names hold an emotion word (happy_0001.png, RaFD's names) is file-names; a folder with only
/// a CSV file (fer2013.csv preferred) is fer2013-csv on that file.
/// </summary>
public static class FormatDetector
{
    /// <summary>The format for <paramref name="path"/> (which must exist), or an error saying why none fits.</summary>
    public static DataFormat Detect(string path)
    {
        if (File.Exists(path))
        {
            if (Path.GetExtension(path).Equals(".csv", StringComparison.OrdinalIgnoreCase)) return CsvFormat(path);
            if (FaceImageReader.IsImageFile(path))
                throw new EmoAugException($"{path}: a single image is not a dataset; give its folder");
            throw new EmoAugException($"{path}: unknown dataset format (expected a .csv file or a folder); " +
                                      $"use --format {string.Join("|", DataFormats.Loaders.Select(ClosedSet.Name))}");
        }
        var root = new DirectoryInfo(path);
        var options = new EnumerationOptions { AttributesToSkip = FileAttributes.Hidden | FileAttributes.System };
        var subfolderImages = root.EnumerateFiles("*", new EnumerationOptions
            { AttributesToSkip = FileAttributes.Hidden | FileAttributes.System, RecurseSubdirectories = true })
            .Where(f => f.DirectoryName != root.FullName.TrimEnd(Path.DirectorySeparatorChar) &&
                        FaceImageReader.IsImageFile(f.Name)).ToList();
        if (subfolderImages.Count > 0)
        {
            // KDEF's sitting folders (AF01/) would otherwise read as 140 class folders.
            if (subfolderImages.Count(f => KdefLoader.FileName().IsMatch(f.Name)) * 2 >= subfolderImages.Count) return DataFormat.Kdef;
            bool sfew = File.Exists(Path.Combine(path, SfewLoader.BadAlignmentFile)) ||
                        root.Name.Contains("sfew", StringComparison.OrdinalIgnoreCase);
            return sfew ? DataFormat.Sfew : DataFormat.Folders;
        }
        var images = root.EnumerateFiles("*", options).Where(f => FaceImageReader.IsImageFile(f.Name)).ToList();
        if (images.Count > 0)
        {
            if (images.Count(f => JaffeLoader.FileName().IsMatch(f.Name)) * 2 >= images.Count) return DataFormat.Jaffe;
            if (images.Count(f => FileNameLoader.ClassesIn(f.Name).Count == 1) * 2 >= images.Count) return DataFormat.FileNames;
            throw new EmoAugException($"{path}: {images.Count} images but no class folders, no JAFFE-style names and no emotion " +
                                      "words in the names (expected <root>/<split>/<class>/*, <root>/<class>/*, names like " +
                                      "KA.AN1.39.tiff or happy_0001.png, or an image-list CSV)");
        }
        if (CsvIn(path) is { } csv) return CsvFormat(csv);
        throw new EmoAugException($"{path}: no images found (expected <root>/<split>/<class>/* or <root>/<class>/*)");
    }

    /// <summary>image-list when the CSV's header names an image path column, else fer2013-csv (pixel rows).</summary>
    static DataFormat CsvFormat(string csv) => ImageListCsvLoader.LooksLikeImageList(csv) ? DataFormat.ImageList : DataFormat.Fer2013Csv;

    /// <summary>The CSV file a folder stands for: fer2013.csv, else its only .csv file, else null.</summary>
    public static string? CsvIn(string folder)
    {
        var preferred = Path.Combine(folder, "fer2013.csv");
        if (File.Exists(preferred)) return preferred;
        var csvs = Directory.GetFiles(folder, "*.csv");
        return csvs.Length == 1 ? csvs[0] : null;
    }
}
