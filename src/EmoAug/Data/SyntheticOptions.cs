using System.Globalization;

namespace EmoAug.Data;

/// <summary>Options of the built-in synthetic face set ("synthetic" wherever a data path is accepted).</summary>
/// <param name="Seed">Same seed, same faces (bit for bit, whatever the number of threads).</param>
/// <param name="Size">Side of the square gray images, in pixels (default 48, as FER2013; 16 to 256).</param>
/// <param name="TrainCount">
/// Images in the "train" split (default 2400, which gives 36 disgust faces: enough to train a CycleGAN on);
/// classes are imbalanced like FER2013's (disgust about 1.5%, happy about 25%), every class has at least one image.
/// </param>
/// <param name="ValCount">Images in the "val" split (default 300), same class proportions.</param>
/// <param name="TestCount">Images in the "test" split (default 300), same class proportions.</param>
/// <param name="Subjects">Number of distinct synthetic identities ("S00", "S01", ...), spread over all splits (default 40).</param>
public sealed record SyntheticOptions(int Seed = 0, int Size = 48, int TrainCount = 2400, int ValCount = 300,
    int TestCount = 300, int Subjects = 40)
{
    /// <summary>FER2013's training-class shares (angry, disgust, fear, happy, sad, surprise, neutral).</summary>
    public static readonly IReadOnlyList<double> FerClassShares =
        [3995 / 28709.0, 436 / 28709.0, 4097 / 28709.0, 7215 / 28709.0, 4830 / 28709.0, 3171 / 28709.0, 4965 / 28709.0];

    /// <summary>The keys <see cref="Parse(string)"/> accepts after "synthetic:".</summary>
    public static readonly IReadOnlyList<string> Keys = ["seed", "size", "train", "val", "test", "subjects"];

    /// <summary>True for "synthetic" and "synthetic:..." (any case): a name for the built-in set, not a path.</summary>
    public static bool IsSpec(string pathOrName) =>
        pathOrName.Equals(SyntheticFaces.Name, StringComparison.OrdinalIgnoreCase) ||
        pathOrName.StartsWith(SyntheticFaces.Name + ":", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads "synthetic" or "synthetic:seed=3,train=5000,size=64" over the default options.</summary>
    public static SyntheticOptions Parse(string spec) => Parse(spec, new SyntheticOptions());

    /// <summary>
    /// Reads "synthetic" or "synthetic:key=value,..." (keys: seed, size, train, val, test, subjects) over
    /// <paramref name="defaults"/>; a key given in the spec wins. Unknown keys and bad values throw
    /// <see cref="EmoAugException"/> naming the spec and the key.
    /// </summary>
    public static SyntheticOptions Parse(string spec, SyntheticOptions defaults)
    {
        if (!IsSpec(spec))
            throw new EmoAugException($"{spec}: not a synthetic data spec (expected \"synthetic\" or \"synthetic:seed=3,train=5000\")");
        var options = defaults;
        var rest = spec.Length > SyntheticFaces.Name.Length ? spec[(SyntheticFaces.Name.Length + 1)..] : "";
        foreach (var part in rest.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=');
            if (equals <= 0)
                throw new EmoAugException($"{spec}: '{part}' is not key=value (keys: {string.Join(", ", Keys)})");
            var key = part[..equals].Trim().ToLowerInvariant();
            var text = part[(equals + 1)..].Trim();
            if (!Keys.Contains(key))
                throw new EmoAugException($"{spec}: unknown key '{key}' (keys: {string.Join(", ", Keys)})");
            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
                throw new EmoAugException($"{spec}: {key}={text} is not a whole number");
            options = key switch
            {
                "seed" => options with { Seed = value },
                "size" => options with { Size = value },
                "train" => options with { TrainCount = value },
                "val" => options with { ValCount = value },
                "test" => options with { TestCount = value },
                _ => options with { Subjects = value },
            };
        }
        options.Validate(spec);
        return options;
    }

    /// <summary>Throws <see cref="EmoAugException"/> (naming <paramref name="source"/>) when a value is out of range.</summary>
    public void Validate(string source = "synthetic")
    {
        if (Size is < 16 or > 256)
            throw new EmoAugException($"{source}: size={Size} is out of range (16 to 256)");
        if (TrainCount < 0 || ValCount < 0 || TestCount < 0)
            throw new EmoAugException($"{source}: image counts (train, val, test) must not be negative");
        if (TrainCount + ValCount + TestCount == 0)
            throw new EmoAugException($"{source}: train, val and test are all 0: no images to draw");
        if (Subjects is < 1 or > 1000)
            throw new EmoAugException($"{source}: subjects={Subjects} is out of range (1 to 1000)");
        // Each face is a byte per pixel in memory, drawn through a float image of its own.
        Runtime.MemoryBudget.Check(((double)TrainCount + ValCount + TestCount) * Size * Size, source);
    }
}
