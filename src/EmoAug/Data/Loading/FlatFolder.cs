namespace EmoAug.Data.Loading;

/// <summary>
/// The load plan of a folder of images labelled by their names (the jaffe, file-names and kdef formats): every image
/// not in the exclusion list goes to the format's labeller, which gives its labelled file or reports why it cannot
/// and gives null. KDEF keeps each person's images in a sub-folder, so it asks for <paramref name="subfolders"/>.
/// </summary>
internal static class FlatFolder
{
    public static LoadPlan Plan(DataFormat format, string root, LoadOptions options, Func<FileInfo, LabelledFile?> label,
        string noneFound, bool subfolders = false)
    {
        var rootDir = new DirectoryInfo(root);
        var excludeSet = ExclusionList.Read(options.ExcludeList, rootDir.FullName);
        var files = new List<LabelledFile>();
        int excluded = 0;
        var images = rootDir.EnumerateFiles("*", new EnumerationOptions
                { AttributesToSkip = FileAttributes.Hidden, RecurseSubdirectories = subfolders })
            .Where(f => FaceImageReader.IsImageFile(f.Name)).OrderBy(f => f.FullName, StringComparer.Ordinal);
        foreach (var file in images)
        {
            if (excludeSet.Contains(file.FullName)) { excluded++; continue; }
            if (label(file) is { } labelled) files.Add(labelled);
        }
        if (files.Count == 0) throw new EmoAugException($"{root}: {noneFound}");
        var notes = excluded > 0 ? new List<string> { $"{excluded} images left out as listed in {options.ExcludeList}" } : [];
        var classes = EmotionVocabulary.ClassListFor(files.Select(f => f.ClassName));
        return new LoadPlan(format, rootDir.FullName, files.Select(f => (f.Path, f.Length, f.LastWriteTicks)).ToList(),
            notes, excluded, decodeSink => ImageListDecoder.Decode(files, options.Size, decodeSink, classes, options.AlignFaces));
    }
}
