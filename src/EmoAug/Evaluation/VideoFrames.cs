using OpenCvSharp;

namespace EmoAug.Evaluation;

/// <summary>The frames of a video file as gray photos, read with OpenCV's video reader (FFmpeg in the Linux runtime).</summary>
public static class VideoFrames
{
    /// <summary>Every <paramref name="every"/>-th frame from the first: its number, time in seconds and gray pixels.</summary>
    public static IEnumerable<(int Frame, double Seconds, byte[] Pixels, int Width, int Height)> Gray(string path, int every)
    {
        if (every < 1) throw new EmoAugException($"--every {every}: must be at least 1");
        using var capture = new VideoCapture(path);
        if (!capture.IsOpened()) throw new EmoAugException($"{path}: not a readable video (OpenCV could not open it)");
        double fps = capture.Fps > 0 ? capture.Fps : 25;
        using var frame = new Mat();
        using var gray = new Mat();
        int read = 0;
        for (int index = 0; capture.Read(frame) && !frame.Empty(); index++)
        {
            if (index % every != 0) continue;
            if (frame.Channels() == 1) frame.CopyTo(gray);
            else Cv2.CvtColor(frame, gray, ColorConversionCodes.BGR2GRAY);
            int width = gray.Width, height = gray.Height;
            var pixels = new byte[width * height];
            for (int y = 0; y < height; y++) // row by row: a Mat's rows need not be contiguous
                System.Runtime.InteropServices.Marshal.Copy(gray.Ptr(y), pixels, y * width, width);
            read++;
            yield return (index, index / fps, pixels, width, height);
        }
        if (read == 0) throw new EmoAugException($"{path}: no frame could be read from this video");
    }
}
