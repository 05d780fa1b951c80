using System.IO.Enumeration;

namespace EmoAug.Data.Loading;

/// <summary>
/// Class folders: <c>&lt;root&gt;/&lt;split&gt;/&lt;class&gt;/*</c> or <c>&lt;root&gt;/&lt;class&gt;/*</c> (images may sit in
/// sub-folders of a class folder). Class folder names match the vocabulary case-insensitively with synonyms; any other
/// name becomes an extra class. A root child is a split folder when its name is a split name (train, val, test,
/// PublicTest, ...) or when it is no emotion but holds emotion folders. When every file name starts with FER2013's
/// Usage prefix (Training_, PublicTest_, PrivateTest_), as in the Kaggle folders, the split comes from the prefix.
/// </summary>
internal static class FolderLoader
{

    static readonly string[] FerUsages = ["Training", "PublicTest", "PrivateTest"];

    /// <summary>FER2013's Usage when the file name starts with it and '_' (Kaggle's folders), else null.</summary>
    static string? FerUsageOf(string path)
    {
        var name = Path.GetFileName(path.AsSpan());
        foreach (var usage in FerUsages)
            if (name.Length > usage.Length && name[usage.Length] == '_' && name.StartsWith(usage, StringComparison.Ordinal))
                return usage;
        return null;
    }

    /// <summary>
    /// The class a folder name stands for: the vocabulary's name for it ("Happiness" -> happy), else the one emotion
    /// word inside it ("0_angry", "Happy-faces" -> angry, happy; words of 3+ letters, so two-letter codes inside
    /// other names do not count), else the lower-cased name itself as an extra class ("Pain" -> pain).
    /// </summary>
    internal static string ClassNameOf(string folderName)
    {
        if (EmotionVocabulary.Canonical(folderName) is { } canonical) return canonical;
        var inWords = folderName.Split(NotLetters, StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.Length >= 3).Select(EmotionVocabulary.Canonical).OfType<string>().Distinct().ToList();
        return inWords.Count == 1 ? inWords[0] : folderName.Trim().ToLowerInvariant();
    }

    static readonly char[] NotLetters = [.. Enumerable.Range(0, 128).Select(c => (char)c).Where(c => !char.IsLetter(c))];

    static readonly EnumerationOptions Visible = new()
        { AttributesToSkip = FileAttributes.Hidden | FileAttributes.System, IgnoreInaccessible = false };

    static readonly EnumerationOptions VisibleRecursive = new()
    {
        AttributesToSkip = FileAttributes.Hidden | FileAttributes.System, IgnoreInaccessible = false,
        RecurseSubdirectories = true,
    };

    public static LoadPlan Plan(string root, LoadOptions options, ProblemSink sink, DataFormat format = DataFormat.Folders)
    {
        var rootDir = new DirectoryInfo(root);
        var excludeSet = ExclusionList.Read(options.ExcludeList, rootDir.FullName);
        var notes = new List<string>();
        var files = new List<LabelledFile>();
        var usages = new List<string?>(); // FER2013 Usage from each file name, when it has one
        int excluded = 0, ignored = 0;
        var classFolders = ClassFolders(rootDir, sink).ToList();
        // RAF-DB's and AffectNet's folders come as 1/, 2/, ...: the numbers mean other classes in every dataset, so a
        // guess would mislabel silently (as the image-list loader, it asks for names).
        if (classFolders.FirstOrDefault(f => f.ClassDir.Name.All(char.IsAsciiDigit)) is { ClassDir: { } numbered })
            throw new EmoAugException($"{numbered.FullName}: a class folder named by a number; numeric codes differ between " +
                "datasets (RAF-DB's 1 is surprise, AffectNet's 1 is happy, FER2013's 1 is disgust): rename the class folders " +
                "to class names (angry, disgust, fear, happy, sad, surprise, neutral)");
        // Listing is most of a cached load's time; the folders are listed in parallel, then used in their order.
        var listings = new List<(string Path, long Length, long LastWriteTicks)>[classFolders.Count];
        Parallel.For(0, classFolders.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            i => listings[i] = FilesUnder(classFolders[i].ClassDir.FullName).ToList());
        for (int c = 0; c < classFolders.Count; c++)
        {
            var (classDir, split) = classFolders[c];
            var className = ClassNameOf(classDir.Name);
            int images = 0;
            foreach (var file in listings[c])
            {
                if (!FaceImageReader.IsImageFile(file.Path)) { ignored++; continue; }
                images++;
                if (excludeSet.Contains(file.Path)) { excluded++; continue; }
                files.Add(new LabelledFile(file.Path, file.Length, file.LastWriteTicks, className, SubjectInFileName.Of(file.Path), split));
                usages.Add(FerUsageOf(file.Path));
            }
            if (images == 0) sink.Report(classDir.FullName, "empty-class-folder", "class folder has no images");
        }
        if (files.Count == 0)
            throw new EmoAugException($"{root}: no images found (expected <root>/<split>/<class>/* or <root>/<class>/*)");

        if (usages.All(u => u != null)) // Kaggle's layout; when only some names carry a prefix the folders decide
        {
            files = files.Select((f, i) => f with { Split = usages[i]! }).ToList();
            notes.Add("splits taken from the FER2013 file-name prefixes (Training_, PublicTest_, PrivateTest_)");
        }
        if (excluded > 0) notes.Add($"{excluded} images left out as listed in {options.ExcludeList}");
        if (ignored > 0) notes.Add($"{ignored} non-image files in class folders ignored");
        int rootImages = rootDir.EnumerateFiles("*", Visible).Count(f => FaceImageReader.IsImageFile(f.Name));
        if (rootImages > 0) notes.Add($"{rootImages} images directly in {root} ignored: they are in no class folder");

        var classes = EmotionVocabulary.ClassListFor(files.Select(f => f.ClassName));
        return new LoadPlan(format, rootDir.FullName, files.Select(f => (f.Path, f.Length, f.LastWriteTicks)).ToList(),
            notes, excluded, decodeSink => ImageListDecoder.Decode(files, options.Size, decodeSink, classes, options.AlignFaces));
    }

    /// <summary>Every visible file below a folder with its size and time, without a FileInfo per file (the FER2013
    /// folders hold 35,887 files, and this listing is all a cached load does besides reading the cache).</summary>
    static IEnumerable<(string Path, long Length, long LastWriteTicks)> FilesUnder(string folder) =>
        new FileSystemEnumerable<(string, long, long)>(folder,
            (ref FileSystemEntry entry) => (entry.ToFullPath(), entry.Length, entry.LastWriteTimeUtc.UtcTicks),
            VisibleRecursive) { ShouldIncludePredicate = (ref FileSystemEntry entry) => !entry.IsDirectory };

    /// <summary>The class folders under the root with the split each belongs to ("all" without split folders).</summary>
    static IEnumerable<(DirectoryInfo ClassDir, string Split)> ClassFolders(DirectoryInfo root, ProblemSink sink)
    {
        foreach (var child in root.EnumerateDirectories("*", Visible).OrderBy(d => d.Name, StringComparer.Ordinal))
        {
            if (!IsSplitFolder(child))
            {
                yield return (child, "all");
                continue;
            }
            var classDirs = child.EnumerateDirectories("*", Visible).OrderBy(d => d.Name, StringComparer.Ordinal).ToList();
            if (classDirs.Count == 0)
                sink.Report(child.FullName, "no-class-folders",
                    "split folder has no class folders (expected <split>/<class>/*)");
            foreach (var classDir in classDirs) yield return (classDir, child.Name);
        }
    }

    static bool IsSplitFolder(DirectoryInfo folder) =>
        SplitRoles.IsSplitName(folder.Name) ||
        (EmotionVocabulary.Canonical(ClassNameOf(folder.Name)) == null &&
         folder.EnumerateDirectories("*", Visible).Any(d => EmotionVocabulary.Canonical(ClassNameOf(d.Name)) != null));
}
