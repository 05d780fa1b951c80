using SixLabors.ImageSharp;
using EmoAug.Data.Loading;
using static TorchSharp.torch;

namespace EmoAug.Evaluation;

/// <summary>
/// Turns image files of any size and colour into what a classifier takes: 8-bit gray, centre-cropped and resized to the
/// model's square side exactly as the dataset loaders convert training images (<see cref="FaceImageReader"/>).
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

    /// <summary>One image as size x size gray bytes, row by row.</summary>
    public static byte[] Decode(string path, int size)
    {
        try
        {
            var pixels = new byte[size * size];
            FaceImageReader.ReadInto(path, size, pixels);
            return pixels;
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

    /// <summary>The images of <paramref name="files"/> as a uint8 tensor [N,1,size,size].</summary>
    public static Tensor Load(IReadOnlyList<string> files, int size)
    {
        var all = new byte[files.Count * size * size];
        for (int i = 0; i < files.Count; i++) Decode(files[i], size).CopyTo(all, i * size * size);
        return tensor(all, [files.Count, 1, size, size]);
    }
}
