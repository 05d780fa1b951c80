using static TorchSharp.torch;

namespace EmoAug.Data;

/// <summary>
/// The built-in default dataset: gray 48x48 faces drawn in code from a seed (no files shipped), 7 classes,
/// imbalanced like FER2013. Identity (face shape, eye spacing, brightness, pose, noise) varies per subject;
/// expression (brows, eyes, mouth, nose wrinkle) varies per class.
/// PLACEHOLDER drawing: to be replaced by the synthetic-faces work.
/// </summary>
public static class SyntheticFaces
{
    public const string Name = "synthetic";

    public static FaceDataset Generate(SyntheticOptions options)
    {
        var random = new Random(options.Seed);
        int s = options.Size;
        var splits = new[] { ("train", options.TrainCount), ("val", options.ValCount), ("test", options.TestCount) };
        int total = splits.Sum(x => x.Item2);
        var pixels = new byte[total * s * s];
        var labels = new long[total];
        var samples = new List<FaceSample>(total);
        int n = 0;
        foreach (var (split, count) in splits)
        {
            var classOfImage = ClassSequence(count, random);
            for (int i = 0; i < count; i++, n++)
            {
                int label = classOfImage[i];
                int subject = random.Next(options.Subjects);
                Draw(pixels.AsSpan(n * s * s, s * s), s, label, subject, random);
                labels[n] = label;
                samples.Add(new FaceSample($"synthetic:{options.Seed}:{n}", $"S{subject:D2}", split));
            }
        }
        return new FaceDataset(tensor(pixels, [total, 1, s, s]), tensor(labels), samples,
            EmotionVocabulary.ClassListFor([]), "synthetic");
    }

    static int[] ClassSequence(int count, Random random)
    {
        var shares = SyntheticOptions.FerClassShares;
        var classes = new List<int>();
        for (int c = 0; c < shares.Count; c++)
            classes.AddRange(Enumerable.Repeat(c, Math.Max(1, (int)Math.Round(count * shares[c]))));
        while (classes.Count > count) classes.RemoveAt(classes.Count - 1);
        while (classes.Count < count) classes.Add(EmotionVocabulary.Happy);
        var array = classes.ToArray();
        random.Shuffle(array);
        return array;
    }

    static void Draw(Span<byte> image, int s, int label, int subject, Random random)
    {
        double cx = s / 2.0 + random.NextDouble() * 2 - 1, cy = s / 2.0 + random.NextDouble() * 2 - 1;
        double skin = 120 + (subject * 37 % 80), face = s * (0.36 + (subject % 5) * 0.015);
        double mouthCurve = label switch { 3 => 0.35, 4 => -0.3, 0 => -0.15, 1 => -0.2, 5 => 0, _ => 0.0 };
        double mouthOpen = label switch { 5 => 0.12, 2 => 0.08, _ => 0.02 };
        for (int y = 0; y < s; y++)
        for (int x = 0; x < s; x++)
        {
            double dx = (x - cx) / face, dy = (y - cy) / (face * 1.2);
            double v = dx * dx + dy * dy < 1 ? skin : 40;
            double ex = Math.Abs(x - cx) - face * 0.4, ey = y - (cy - face * 0.25);
            if (ex * ex + ey * ey < 4) v = 30;
            double my = y - (cy + face * 0.5 - mouthCurve * face * (1 - Math.Pow((x - cx) / (face * 0.45), 2)));
            if (Math.Abs(x - cx) < face * 0.45 && Math.Abs(my) < 1 + mouthOpen * face) v = 50;
            if (label == 1 && Math.Abs(x - cx) < 3 && Math.Abs(y - cy) < 2 && (x + y) % 2 == 0) v = 70;
            v += random.NextDouble() * 16 - 8;
            image[y * s + x] = (byte)Math.Clamp(v, 0, 255);
        }
    }
}
