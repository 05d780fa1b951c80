using SixLabors.ImageSharp;
using EmoAug.Data.Loading;

namespace EmoAug.Evaluation;

/// <summary>
/// The image files `predict` is given: folders expanded, each file decoded whole to 8-bit gray as the dataset loaders
/// decode (<see cref="FaceImageReader"/>), a bad file one line naming it. <see cref="PhotoFaces"/> finds the faces.
/// </summary>
public static class PredictionInput
{
    /// <summary>Files as given, and the image files under folders (recursively, sorted); a missing path is an error.</summary>
    public static List<string> Expand(IEnumerable<string> paths)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (File.Exists(path)) files.Add(path);
            else if (Directory.Exists(path))
                files.AddRange(Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(FaceImageReader.IsImageFile)
                    .Order(StringComparer.Ordinal));
            else throw new EmoAugException($"{path}: no such file or folder");
        }
        if (files.Count == 0) throw new EmoAugException($"{string.Join(", ", paths)}: no image files found");
        return files;
    }

    /// <summary>Video files `predict` reads frame by frame (OpenCV's FFmpeg); given by name, not searched in folders.</summary>
    public static readonly IReadOnlySet<string> VideoExtensions =
        new HashSet<string>([".mp4", ".avi", ".mov", ".mkv", ".webm", ".mpg", ".mpeg", ".m4v", ".wmv"], StringComparer.OrdinalIgnoreCase);

    public static bool IsVideo(string path) => VideoExtensions.Contains(Path.GetExtension(path));

    /// <summary>One image whole, as gray bytes (width*height, row by row), for face detection.</summary>
    public static (byte[] Pixels, int Width, int Height) ReadGray(string path)
    {
        try
        {
            return FaceImageReader.ReadGray(path);
        }
        catch (UnknownImageFormatException)
        {
            throw new EmoAugException($"{path}: not a readable image (unknown or unsupported format)");
        }
        catch (Exception ex) when (ex is InvalidImageContentException or NotSupportedException or ImageFormatException)
        {
            throw new EmoAugException($"{path}: not a readable image ({ex.Message.Split('\n')[0]})");
        }
    }
}
