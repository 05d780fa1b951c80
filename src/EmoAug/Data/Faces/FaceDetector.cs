using OpenCvSharp;

namespace EmoAug.Data.Faces;

/// <summary>
/// Finds faces in gray photos. First MediaPipe's BlazeFace (<see cref="BlazeFace"/>, the models ship in `blazeface/`,
/// see its README): the back-camera model on the photo with a margin of its own size around it (tight crops such as
/// SFEW's and FER2013's then look like the faces it was trained on) and on the photo alone (smaller faces in larger
/// photos), their boxes merged; where it finds none, the front-camera model with a quarter margin. Where BlazeFace
/// finds no face, OpenCV's cascades (OpenCvSharp4, `cascades/`): the photo framed by a border of half its size,
/// repeating its edge pixels, its histogram equalised, then Haar alt2, Haar default, LBP improved in turn. Measured on
/// SFEW in docs/data-formats.md. Not thread-safe (ONNX Runtime sessions and OpenCV's cascades): one per thread.
/// </summary>
public sealed class FaceDetector : IDisposable
{
    static readonly string[] CascadeFiles =
        ["haarcascade_frontalface_alt2.xml", "haarcascade_frontalface_default.xml", "lbpcascade_frontalface_improved.xml"];

    /// <summary>Scale step between detection windows; 1.05 finds more faces than OpenCV's default 1.1 (measured on SFEW).</summary>
    const double ScaleStep = 1.05;

    /// <summary>Overlapping detections a face needs (OpenCV's default).</summary>
    const int Neighbours = 3;

    /// <summary>BlazeFace's score a face needs (MediaPipe's default 0.5; none of SFEW's 31 images without a face passes it).</summary>
    const float MinScore = 0.5f;

    /// <summary>Boxes of the two back-model passes are one face when their intersection covers more than this share of
    /// the smaller (the pass without a margin draws a tight crop's face smaller than the pass with one).</summary>
    const double SameFace = 0.5;

    readonly BlazeFace back, front;
    readonly CascadeClassifier[] cascades;

    FaceDetector(BlazeFace back, BlazeFace front, CascadeClassifier[] cascades) => (this.back, this.front, this.cascades) = (back, front, cascades);

    /// <summary>The folder the cascades are copied to beside the program.</summary>
    public static string CascadeFolder => Path.Combine(AppContext.BaseDirectory, "cascades");

    /// <summary>The folder the BlazeFace models are copied to beside the program.</summary>
    public static string BlazeFaceFolder => Path.Combine(AppContext.BaseDirectory, "blazeface");

    /// <summary>Loads the shipped cascades; a one-line error when OpenCV's native library cannot load.</summary>
    public static FaceDetector Create()
    {
        var loaded = new List<CascadeClassifier>();
        BlazeFace? back = null, front = null;
        try
        {
            back = BlazeFace.Load(Path.Combine(BlazeFaceFolder, "blazeface_back_256.onnx"), 256);
            front = BlazeFace.Load(Path.Combine(BlazeFaceFolder, "blazeface_front_128.onnx"), 128);
            foreach (var file in CascadeFiles)
            {
                var path = Path.Combine(CascadeFolder, file);
                if (!File.Exists(path)) throw new EmoAugException($"face detection: {path} is missing (it is copied beside the program at build time)");
                var cascade = new CascadeClassifier(path);
                loaded.Add(cascade);
                if (cascade.Empty()) throw new EmoAugException($"face detection: OpenCV could not read {path}");
            }
            return new FaceDetector(back, front, [.. loaded]);
        }
        catch (TypeInitializationException ex) when (ex.InnerException is DllNotFoundException)
        {
            back?.Dispose();
            front?.Dispose();
            foreach (var c in loaded) c.Dispose();
            throw new EmoAugException("face detection needs OpenCV's native library, which did not load (on Debian or Ubuntu: " +
                "apt-get install libgtk-3-0); or pass --no-detect for faces that are already cropped");
        }
        catch
        {
            back?.Dispose();
            front?.Dispose();
            foreach (var c in loaded) c.Dispose();
            throw;
        }
    }

    /// <summary>The faces in a gray photo (width*height bytes, row-major), largest first.</summary>
    public IReadOnlyList<FaceBox> Detect(ReadOnlySpan<byte> gray, int width, int height)
    {
        // Faces smaller than a tenth of the photo's shorter side are not looked for (24 px at least: the cascades'
        // windows are 20-24 px, and a face that small says little about its expression anyway).
        int smallest = Math.Max(24, Math.Min(width, height) / 10);
        var faces = new List<FaceBox>();
        foreach (var (box, _) in back.Detect(gray, width, height, 1.0, MinScore).Concat(back.Detect(gray, width, height, 0, MinScore)))
            if (box.Width >= smallest && !faces.Any(f => Overlap(f, box) > SameFace)) faces.Add(box);
        if (faces.Count == 0)
            faces.AddRange(front.Detect(gray, width, height, 0.25, MinScore).Select(f => f.Box).Where(b => b.Width >= smallest));
        if (faces.Count == 0) faces.AddRange(Cascades(gray, width, height, smallest));
        return [.. faces.OrderByDescending(b => b.Area).ThenBy(b => b.Y).ThenBy(b => b.X)];
    }

    static double Overlap(FaceBox a, FaceBox b)
    {
        int x0 = Math.Max(a.X, b.X), x1 = Math.Min(a.X + a.Width, b.X + b.Width);
        int y0 = Math.Max(a.Y, b.Y), y1 = Math.Min(a.Y + a.Height, b.Y + b.Height);
        double inner = Math.Max(0, x1 - x0) * (double)Math.Max(0, y1 - y0);
        return inner / Math.Min(a.Area, b.Area);
    }

    List<FaceBox> Cascades(ReadOnlySpan<byte> gray, int width, int height, int smallest)
    {
        using var photo = Mat.FromPixelData(height, width, MatType.CV_8UC1, gray.ToArray());
        int border = Math.Max(width, height) / 2;
        using var framed = new Mat();
        Cv2.CopyMakeBorder(photo, framed, border, border, border, border, BorderTypes.Replicate);
        using var equalised = new Mat();
        Cv2.EqualizeHist(framed, equalised);
        foreach (var cascade in cascades)
        {
            var found = cascade.DetectMultiScale(equalised, ScaleStep, Neighbours, HaarDetectionTypes.ScaleImage,
                new Size(smallest, smallest));
            if (found.Length == 0) continue;
            return [.. found.Select(r => new FaceBox(r.X - border, r.Y - border, r.Width, r.Height))];
        }
        return [];
    }

    public void Dispose()
    {
        back.Dispose();
        front.Dispose();
        foreach (var cascade in cascades) cascade.Dispose();
    }
}
