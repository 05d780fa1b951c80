using EmoAug.Data.Faces;
using OpenCvSharp;

namespace EmoAug.Reporting;

/// <summary>
/// Draws each labelled face's box and label on its photo (in colour where OpenCV reads the file, else gray) and
/// writes the photo as a PNG, atomically. A face taken whole (no box) gets its label in the top-left corner; a photo
/// without a face says so there.
/// </summary>
public static class PhotoAnnotation
{
    public static void Write(string photo, IReadOnlyList<(FaceBox? Box, string Label)> faces, string outPath)
    {
        using var image = Read(photo);
        int thickness = Math.Max(2, Math.Max(image.Width, image.Height) / 300);
        double scale = Math.Max(0.5, Math.Max(image.Width, image.Height) / 900.0);
        var colour = new Scalar(40, 220, 40);
        if (faces.Count == 0) Label(image, "no face found", new Point(4, 4), scale, thickness, new Scalar(40, 40, 230));
        foreach (var (box, label) in faces)
        {
            if (box is not { } b)
            {
                Label(image, label, new Point(4, 4), scale, thickness, colour);
                continue;
            }
            Cv2.Rectangle(image, new Rect(b.X, b.Y, b.Width, b.Height), colour, thickness);
            Label(image, label, new Point(b.X, b.Y), scale, thickness, colour);
        }
        Cv2.ImEncode(".png", image, out var png);
        AtomicFile.WriteAllBytes(outPath, png);
    }

    /// <summary>The label on a filled band whose top-left corner is at <paramref name="corner"/> (moved up above a box where there is room).</summary>
    static void Label(Mat image, string text, Point corner, double scale, int thickness, Scalar colour)
    {
        int fontThickness = Math.Max(1, thickness / 2);
        var size = Cv2.GetTextSize(text, HersheyFonts.HersheySimplex, scale, fontThickness, out int baseline);
        int top = corner.Y - size.Height - baseline - 4 >= 0 ? corner.Y - size.Height - baseline - 4 : corner.Y;
        int left = Math.Clamp(corner.X, 0, Math.Max(0, image.Width - size.Width - 4));
        Cv2.Rectangle(image, new Rect(left, top, size.Width + 4, size.Height + baseline + 4), colour, -1);
        Cv2.PutText(image, text, new Point(left + 2, top + size.Height + 2), HersheyFonts.HersheySimplex, scale,
            Scalar.Black, fontThickness, LineTypes.AntiAlias);
    }

    static Mat Read(string photo)
    {
        var colour = Cv2.ImDecode(File.ReadAllBytes(photo), ImreadModes.Color);
        if (!colour.Empty()) return colour;
        colour.Dispose();
        // Formats OpenCV does not read (GIF, some TIFFs): the gray pixels the detector saw.
        var (pixels, width, height) = Data.Loading.FaceImageReader.ReadGray(photo);
        using var gray = Mat.FromPixelData(height, width, MatType.CV_8UC1, pixels);
        var bgr = new Mat();
        Cv2.CvtColor(gray, bgr, ColorConversionCodes.GRAY2BGR);
        return bgr;
    }
}
