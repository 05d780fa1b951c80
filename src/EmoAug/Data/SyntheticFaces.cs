using EmoAug.Data.Synthetic;
using static TorchSharp.torch;

namespace EmoAug.Data;

/// <summary>
/// The built-in default dataset: gray faces drawn in code from a seed (no files shipped), 7 classes in FER2013's
/// order, splits "train", "val" and "test", imbalanced like FER2013 (disgust about 1.5%, happy about 25%).
/// Identity varies per subject ("S00", "S01", ...: head shape, eye spacing, skin, hair, glasses, resting face);
/// pose, light, background, noise and occasional occluders vary per image. Expressions differ by class:
/// angry = lowered V brows with a furrow, narrowed eyes, pressed lips (or bared clenched teeth);
/// disgust = wrinkled nose, raised upper lip showing teeth (a sneer), deep nose-to-mouth folds, lowered brows,
/// narrowed eyes; fear = raised brows with inner ends highest, wide eyes, stretched parted lips;
/// happy = smile (with or without teeth), raised cheeks; sad = inner brows raised, mouth corners down;
/// surprise = high brows, wide eyes, round open mouth; neutral = the subject's resting face.
/// Each image's expression has a random intensity, and neighbouring classes (fear/surprise, angry/disgust,
/// sad/neutral) sometimes borrow each other's features, so a classifier learns it well but not perfectly.
/// </summary>
public static class SyntheticFaces
{
    public const string Name = "synthetic";

    public static FaceDataset Generate(SyntheticOptions options)
    {
        options.Validate();
        int s = options.Size;
        var splits = new[] { ("train", options.TrainCount), ("val", options.ValCount), ("test", options.TestCount) };
        int total = splits.Sum(x => x.Item2);

        // Plan sequentially from the seed (class, subject), draw in parallel from per-image seeds: the result does
        // not depend on the number of threads.
        var plan = new Random(options.Seed);
        var labels = new long[total];
        var subjects = new int[total];
        var samples = new List<FaceSample>(total);
        int n = 0;
        foreach (var (split, count) in splits)
            foreach (int label in ClassSequence(count, plan))
            {
                labels[n] = label;
                subjects[n] = plan.Next(options.Subjects);
                samples.Add(new FaceSample($"{Name}:{options.Seed}:{n}", $"S{subjects[n]:D2}", split));
                n++;
            }

        var identities = Enumerable.Range(0, options.Subjects)
            .Select(i => FaceIdentity.Draw(new Random(DerivedSeed(options.Seed, 1, i))))
            .ToArray();
        var pixels = new byte[(long)total * s * s];
        Parallel.For(0, total, i =>
        {
            var random = new Random(DerivedSeed(options.Seed, 2, i));
            var expression = FaceExpression.ForImage((int)labels[i], random);
            FacePainter.Paint(pixels.AsSpan(i * s * s, s * s), s, identities[subjects[i]], expression, random);
        });
        return new FaceDataset(tensor(pixels, [total, 1, s, s]), tensor(labels), samples,
            EmotionVocabulary.ClassListFor([]), Name);
    }

    /// <summary>
    /// How many of <paramref name="count"/> images each class gets: FER2013's training proportions by largest
    /// remainders, so the counts add up exactly, and every class at least once when count is 7 or more.
    /// </summary>
    public static int[] ClassCounts(int count)
    {
        var shares = SyntheticOptions.FerClassShares;
        var counts = shares.Select(share => (int)Math.Floor(count * share)).ToArray();
        if (count >= shares.Count)
            for (int c = 0; c < counts.Length; c++) counts[c] = Math.Max(1, counts[c]);
        var byRemainder = Enumerable.Range(0, shares.Count)
            .OrderByDescending(c => count * shares[c] - Math.Floor(count * shares[c])).ThenBy(c => c).ToArray();
        for (int k = 0; counts.Sum() < count; k++) counts[byRemainder[k % byRemainder.Length]]++;
        for (int k = 0; counts.Sum() > count; k++)
        {
            int largest = Array.IndexOf(counts, counts.Max());
            counts[largest]--;
        }
        return counts;
    }

    /// <summary>The labels of <paramref name="count"/> images in <see cref="ClassCounts"/>'s numbers, shuffled.</summary>
    static int[] ClassSequence(int count, Random random)
    {
        var counts = ClassCounts(count);
        var sequence = counts.SelectMany((c, label) => Enumerable.Repeat(label, c)).ToArray();
        random.Shuffle(sequence);
        return sequence;
    }

    /// <summary>A well-mixed seed for item <paramref name="index"/> of stream <paramref name="stream"/> (SplitMix64).</summary>
    static int DerivedSeed(int seed, int stream, int index)
    {
        ulong z = (ulong)(uint)seed * 0x9E3779B97F4A7C15UL ^ (ulong)stream << 56 ^ (ulong)(uint)index;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z & 0x7FFFFFFF);
    }
}
