namespace EmoAug.Data;

/// <summary>
/// Loads any supported dataset from a path, or the built-in synthetic set by its name.
/// PLACEHOLDER: only "synthetic" so far; the loaders' work fills in the rest behind this same call.
/// </summary>
public static class DatasetLoader
{
    public static FaceDataset Load(string pathOrName, LoadOptions options)
    {
        if (SyntheticOptions.IsSpec(pathOrName))
            return SyntheticFaces.Generate(SyntheticOptions.Parse(pathOrName, new SyntheticOptions(Size: options.Size)));
        throw new EmoAugException($"{pathOrName}: no loader for this path yet");
    }
}
