using EmoAug.Data;
using EmoAug.Data.Loading;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Tiff;
using SixLabors.ImageSharp.Formats.Tiff.Constants;
using SixLabors.ImageSharp.PixelFormats;

namespace EmoAug.Tests.Data;

/// <summary>A temp folder the data tests write small datasets into; deleted on dispose. Its load cache lives inside.</summary>
public sealed class DataFiles : IDisposable
{
    public DataFiles()
    {
        Root = Path.Combine(Path.GetTempPath(), "emoaug-data-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }
    public string CacheDir => Path.Combine(Root, ".cache");

    /// <summary>Load options whose cache is inside this temp folder; the format as `--format` names it.</summary>
    public LoadOptions Options(int size = 48, string format = "auto", bool skipInvalid = false,
        string? excludeList = null, bool useCache = true) =>
        new(size, DataFormats.Parse(format), skipInvalid, excludeList, CacheDir, useCache);

    public string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>Writes a uniform gray image (format from the extension) and returns its full path.</summary>
    public string Gray(string relative, byte value, int width = 48, int height = 48)
    {
        var path = Prepare(relative);
        using var image = new Image<L8>(width, height, new L8(value));
        image.Save(path);
        return path;
    }

    /// <summary>Writes a uniform colour PNG (SFEW's faces are RGB).</summary>
    public string Rgb(string relative, byte r, byte g, byte b, int width = 143, int height = 181)
    {
        var path = Prepare(relative);
        using var image = new Image<Rgb24>(width, height, new Rgb24(r, g, b));
        image.Save(path);
        return path;
    }

    /// <summary>Writes an 8-bit palette-colour TIFF whose palette is gray, like 23 of JAFFE's files.</summary>
    public string PaletteTiff(string relative, byte value, int size = 64)
    {
        var path = Prepare(relative);
        using var image = new Image<Rgb24>(size, size, new Rgb24(value, value, value));
        // a second gray level, so the palette has more than one entry
        for (int x = 0; x < size; x++) image[x, 0] = new Rgb24((byte)(255 - value), (byte)(255 - value), (byte)(255 - value));
        image.Save(path, new TiffEncoder
        {
            BitsPerPixel = TiffBitsPerPixel.Bit8,
            PhotometricInterpretation = TiffPhotometricInterpretation.PaletteColor,
        });
        return path;
    }

    public string Text(string relative, string content)
    {
        var path = Prepare(relative);
        File.WriteAllText(path, content);
        return path;
    }

    public string Folder(string relative) => Directory.CreateDirectory(PathOf(relative)).FullName;

    /// <summary>A FER2013-style CSV row's pixels: side*side copies of one value.</summary>
    public static string Pixels(byte value, int count = 48 * 48) => string.Join(' ', Enumerable.Repeat(value, count));

    string Prepare(string relative)
    {
        var path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { /* a leftover temp folder is harmless */ }
    }
}
