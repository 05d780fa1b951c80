using OpenCvSharp;

namespace EmoAug.Data.Faces;

/// <summary>
/// Finds faces in gray photos with OpenCV's cascade detectors (OpenCvSharp4; the cascades ship in `cascades/`, see
/// its README). The photo is first framed by a border of half its size, repeating its edge pixels: a tightly cropped
/// face (SFEW's aligned faces, FER2013's) then has the margin the cascades were trained with. Its histogram is
/// equalised, and the cascades are tried in turn (Haar alt2, Haar default, LBP improved) until one finds a face.
/// Not thread-safe (OpenCV's cascades keep state): one detector per thread.
/// </summary>
public sealed class FaceDetector : IDisposable
{
    static readonly string[] CascadeFiles =
        ["haarcascade_frontalface_alt2.xml", "haarcascade_frontalface_default.xml", "lbpcascade_frontalface_improved.xml"];

    /// <summary>Scale step between detection windows; 1.05 finds more faces than OpenCV's default 1.1 (measured on SFEW).</summary>
    const double ScaleStep = 1.05;

    /// <summary>Overlapping detections a face needs (OpenCV's default).</summary>
    const int Neighbours = 3;

    readonly CascadeClassifier[] cascades;

    FaceDetector(CascadeClassifier[] cascades) => this.cascades = cascades;

    /// <summary>The folder the cascades are copied to beside the program.</summary>
    public static string CascadeFolder => Path.Combine(AppContext.BaseDirectory, "cascades");

    /// <summary>Loads the shipped cascades; a one-line error when OpenCV's native library cannot load.</summary>
    public static FaceDetector Create()
    {
        var loaded = new List<CascadeClassifier>();
        try
        {
            foreach (var file in CascadeFiles)
            {
                var path = Path.Combine(CascadeFolder, file);
                if (!File.Exists(path)) throw new EmoAugException($"face detection: {path} is missing (it is copied beside the program at build time)");
                var cascade = new CascadeClassifier(path);
                loaded.Add(cascade);
                if (cascade.Empty()) throw new EmoAugException($"face detection: OpenCV could not read {path}");
            }
            return new FaceDetector([.. loaded]);
        }
        catch (TypeInitializationException ex) when (ex.InnerException is DllNotFoundException)
        {
            foreach (var c in loaded) c.Dispose();
            throw new EmoAugException("face detection needs OpenCV's native library, which did not load (on Debian or Ubuntu: " +
                "apt-get install libgtk-3-0); or pass --no-detect for faces that are already cropped");
        }
        catch
        {
            foreach (var c in loaded) c.Dispose();
            throw;
        }
    }

    /// <summary>The faces in a gray photo (width*height bytes, row-major), largest first.</summary>
    public IReadOnlyList<FaceBox> Detect(ReadOnlySpan<byte> gray, int width, int height)
    {
        using var photo = Mat.FromPixelData(height, width, MatType.CV_8UC1, gray.ToArray());
        int border = Math.Max(width, height) / 2;
        using var framed = new Mat();
        Cv2.CopyMakeBorder(photo, framed, border, border, border, border, BorderTypes.Replicate);
        using var equalised = new Mat();
        Cv2.EqualizeHist(framed, equalised);
        // Faces smaller than a tenth of the photo's shorter side are not looked for (24 px at least: the cascades'
        // windows are 20-24 px, and a face that small says little about its expression anyway).
        int smallest = Math.Max(24, Math.Min(width, height) / 10);
        foreach (var cascade in cascades)
        {
            var found = cascade.DetectMultiScale(equalised, ScaleStep, Neighbours, HaarDetectionTypes.ScaleImage,
                new Size(smallest, smallest));
            if (found.Length == 0) continue;
            return found
                .Select(r => new FaceBox(r.X - border, r.Y - border, r.Width, r.Height))
                .OrderByDescending(b => b.Area).ThenBy(b => b.Y).ThenBy(b => b.X)
                .ToList();
        }
        return [];
    }

    public void Dispose()
    {
        foreach (var cascade in cascades) cascade.Dispose();
    }
}
