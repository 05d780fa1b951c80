using EmoAug.Data.Faces;
using TorchSharp;

namespace EmoAug.Data.Loading;

/// <summary>
/// Turns the image files a loader found into a <see cref="DecodedSet"/>: orders them (split role, split, class,
/// path), decodes them in parallel, and reports undecodable files in file order so the error is the same every run.
/// </summary>
internal static class ImageListDecoder
{
    public static DecodedSet Decode(IReadOnlyList<LabelledFile> files, int size, ProblemSink sink,
        IReadOnlyList<string> classNames, bool alignFaces = false)
    {
        var classIndex = classNames.Select((name, i) => (name, i)).ToDictionary(x => x.name, x => x.i);
        var ordered = files
            .OrderBy(f => SplitRank(f.Split)).ThenBy(f => f.Split, StringComparer.Ordinal)
            .ThenBy(f => classIndex[f.ClassName]).ThenBy(f => f.Path, StringComparer.Ordinal)
            .ToList();

        int area = size * size;
        // decoded straight into the tensor the dataset will hold: no second copy of the pixels
        var images = torch.empty([ordered.Count, 1, size, size], torch.ScalarType.Byte);
        var errors = new string?[ordered.Count];
        var faceless = new bool[ordered.Count];
        // OpenCV's cascades keep state: one detector per decoding thread. One made first says at once if OpenCV cannot load.
        if (alignFaces) FaceDetector.Create().Dispose();
        using var detectors = new ThreadLocal<FaceDetector>(FaceDetector.Create, trackAllValues: true);
        try
        {
            Parallel.For(0, ordered.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
                (i, state) =>
                {
                    try
                    {
                        var destination = DecodedSet.BytesOf(images).Slice(i * area, area);
                        if (alignFaces) faceless[i] = !AlignedInto(ordered[i].Path, size, detectors.Value!, destination);
                        else FaceImageReader.ReadInto(ordered[i].Path, size, destination);
                    }
                    catch (Exception ex) when (ex is not OutOfMemoryException)
                    {
                        errors[i] = ex is SixLabors.ImageSharp.UnknownImageFormatException
                            ? "not PNG, JPEG, TIFF or BMP content"
                            : ex.Message.Split('\n')[0].Trim();
                        if (!sink.SkipInvalid) state.Break(); // the lowest failing index still completes
                    }
                });
        }
        finally
        {
            foreach (var detector in detectors.Values) detector.Dispose();
        }

        var keep = new List<int>(ordered.Count);
        try
        {
            for (int i = 0; i < ordered.Count; i++)
            {
                if (errors[i] is { } error) sink.Report(ordered[i].Path, "undecodable-image", $"cannot decode image: {error}");
                else keep.Add(i);
            }
        }
        catch
        {
            images.Dispose();
            throw;
        }
        if (keep.Count < ordered.Count)
        {
            using var all = images;
            using var index = torch.tensor(keep.Select(i => (long)i).ToArray(), torch.ScalarType.Int64);
            images = all.index_select(0, index);
        }
        var notes = new List<string>();
        var missed = keep.Where(i => faceless[i]).Select(i => Path.GetFileName(ordered[i].Path)).ToList();
        if (alignFaces)
            notes.Add(missed.Count == 0
                ? $"--align-faces: a face found and cropped in each of the {keep.Count} images"
                : $"--align-faces: no face found in {missed.Count} of {keep.Count} images, kept centre-cropped: " +
                  string.Join(", ", missed.Take(10)) + (missed.Count > 10 ? ", ..." : ""));
        var splits = new Dictionary<string, string>(StringComparer.Ordinal); // one string per split name
        var samples = keep.Select(i => ordered[i])
            .Select(f => new FaceSample(f.Path, f.Subject, splits.TryAdd(f.Split, f.Split) ? f.Split : splits[f.Split]))
            .ToList();
        var labels = keep.Select(i => (long)classIndex[ordered[i].ClassName]).ToArray();
        return new DecodedSet(size, images, labels, samples, classNames,
            sink.Skipped.ToList(), notes);
    }

    /// <summary>The image's largest face cropped as FER2013 frames faces; false (and the plain resize) when none is found.</summary>
    static bool AlignedInto(string path, int size, FaceDetector detector, Span<byte> destination)
    {
        var (pixels, width, height) = FaceImageReader.ReadGray(path);
        var faces = detector.Detect(pixels, width, height);
        if (faces.Count == 0)
        {
            FaceImageReader.ResizeGray(pixels, width, height, size, destination);
            return false;
        }
        FaceCrop.Crop(pixels, width, height, faces[0], FaceFraming.Fer2013, size, destination);
        return true;
    }

    /// <summary>Training splits first, then validation, then test, then anything else.</summary>
    public static int SplitRank(string split) =>
        SplitRoles.IsTrain(split) ? 0 : SplitRoles.IsValidation(split) ? 1 : SplitRoles.IsTest(split) ? 2 : 3;
}
