namespace EmoAug.Data.Loading;

/// <summary>
/// FER2013's CSV: a header naming the columns <c>emotion,pixels,Usage</c> (any order, any case); <c>emotion</c> is a
/// code 0-6 in <see cref="EmotionVocabulary.Basic"/> order and <c>pixels</c> a space-separated square gray image
/// (2304 values for 48x48). Without an <c>emotion</c> column (the unlabelled test form) every label is
/// <see cref="FaceDataset.Unlabelled"/>. The split is the <c>Usage</c> value, or "all" without that column.
/// Each sample's source is "file:line" (the header is line 1).
/// </summary>
internal static class Fer2013CsvLoader
{

    public static LoadPlan Plan(string path, LoadOptions options)
    {
        var file = new FileInfo(path);
        return new LoadPlan(DataFormat.Fer2013Csv, file.FullName, [(file.FullName, file.Length, file.LastWriteTimeUtc.Ticks)], [], 0,
            sink => Decode(path, options.Size, sink));
    }

    static DecodedSet Decode(string path, int size, ProblemSink sink)
    {
        using var reader = new StreamReader(path);
        var header = reader.ReadLine() ?? throw new EmoAugException($"{path}: empty file (expected a header line)");
        var columns = header.Split(',').Select(c => c.Trim().Trim('"').ToLowerInvariant()).ToList();
        int emotionColumn = columns.IndexOf("emotion"), pixelsColumn = columns.IndexOf("pixels");
        int usageColumn = columns.IndexOf("usage");
        if (pixelsColumn < 0)
            throw new EmoAugException($"{path}:1: no 'pixels' column in the header (expected emotion,pixels,Usage)");

        var pixels = new List<byte[]>();
        var labels = new List<long>();
        var samples = new List<FaceSample>();
        var splitNames = new Dictionary<string, string>(StringComparer.Ordinal);
        int side = 0, lineNumber = 1;
        var rowPixels = new byte[4096];
        for (var line = reader.ReadLine(); line != null; line = reader.ReadLine())
        {
            lineNumber++;
            if (line.Trim().Length == 0) continue;
            var source = $"{path}:{lineNumber}";
            var fields = line.Split(',');
            if (fields.Length != columns.Count)
            {
                sink.Report(source, "wrong-field-count", $"expected {columns.Count} fields, got {fields.Length}");
                continue;
            }
            long label = FaceDataset.Unlabelled;
            if (emotionColumn >= 0)
            {
                var code = fields[emotionColumn].Trim().Trim('"');
                if (!int.TryParse(code, out int value) || EmotionVocabulary.FromFerCode(value) == null)
                {
                    sink.Report(source, "unknown-emotion", $"unknown emotion code '{code}' (expected 0-6)");
                    continue;
                }
                label = value;
            }
            var text = fields[pixelsColumn].AsSpan().Trim().Trim('"');
            int count = ParsePixels(text, ref rowPixels, out var parseError);
            if (parseError != null)
            {
                sink.Report(source, "bad-pixel", parseError);
                continue;
            }
            if (side == 0)
            {
                int root = (int)Math.Round(Math.Sqrt(count));
                if (root * root != count || count == 0)
                {
                    sink.Report(source, "wrong-pixel-count",
                        $"expected a square number of pixels (2304 for 48x48), got {count}");
                    continue;
                }
                side = root;
            }
            else if (count != side * side)
            {
                sink.Report(source, "wrong-pixel-count", $"expected {side * side} pixels, got {count}");
                continue;
            }
            var image = new byte[size * size];
            if (side == size) rowPixels.AsSpan(0, count).CopyTo(image);
            else FaceImageReader.ResizeGray(rowPixels.AsSpan(0, count), side, side, size, image);
            var split = usageColumn >= 0 ? fields[usageColumn].Trim().Trim('"') : "";
            if (split.Length == 0) split = SplitRoles.All;
            if (SplitRoles.Unknown(split) is { } unknownSplit) throw new EmoAugException($"{source}: {unknownSplit}");
            if (!splitNames.TryAdd(split, split)) split = splitNames[split];
            pixels.Add(image);
            labels.Add(label);
            samples.Add(new FaceSample(source, null, split));
        }
        if (samples.Count == 0) throw new EmoAugException($"{path}: no images could be read");

        var all = new byte[(long)pixels.Count * size * size];
        for (int i = 0; i < pixels.Count; i++) pixels[i].CopyTo(all, (long)i * size * size);
        var notes = emotionColumn < 0 ? new List<string> { "no 'emotion' column: the images are unlabelled" } : [];
        return new DecodedSet(size, DecodedSet.ImagesFrom(all, samples.Count, size), labels.ToArray(), samples,
            EmotionVocabulary.ClassListFor([]),
            sink.Skipped.ToList(), notes);
    }

    /// <summary>Parses space-separated 0-255 values into <paramref name="buffer"/> (grown as needed); returns the
    /// count, or sets <paramref name="error"/> for a value that is not a number in range.</summary>
    static int ParsePixels(ReadOnlySpan<char> text, ref byte[] buffer, out string? error)
    {
        error = null;
        int count = 0, i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && text[i] == ' ') i++;
            if (i == text.Length) break;
            int start = i;
            while (i < text.Length && text[i] != ' ') i++;
            var token = text[start..i];
            int value = 0;
            bool numeric = token.Length <= 3;
            foreach (var c in token)
            {
                if (c is < '0' or > '9') { numeric = false; break; }
                value = value * 10 + (c - '0');
            }
            if (!numeric || value > 255)
            {
                error = numeric || (token.Length > 3 && int.TryParse(token, out _))
                    ? $"pixel {count + 1} is {token}, outside 0-255"
                    : $"non-numeric pixel '{token}' (pixel {count + 1})";
                return count;
            }
            if (count == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
            buffer[count++] = (byte)value;
        }
        return count;
    }
}
