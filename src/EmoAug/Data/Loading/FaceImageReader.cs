using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace EmoAug.Data.Loading;

/// <summary>
/// Decodes PNG, JPEG, TIFF (gray, RGB and palette), BMP (and GIF, WebP) files to gray faces of a fixed square size.
/// Colour becomes gray with ImageSharp's L8 conversion (ITU-R BT.709 luma). A non-square image is centre-cropped to a
/// square (a face stays undistorted; SFEW's 143x181 loses 19 rows top and bottom), then resized with the bicubic
/// filter. ImageSharp widens the bicubic kernel by the scale factor when shrinking, so a 256-pixel JAFFE face is
/// averaged, not aliased, on its way to 48 pixels. Images already at the target size are copied untouched.
/// </summary>
public static class FaceImageReader
{
    /// <summary>File extensions read as images (lower case, with the dot).</summary>
    public static readonly IReadOnlySet<string> Extensions =
        new HashSet<string>([".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".gif", ".webp"],
            StringComparer.OrdinalIgnoreCase);

    // Loaders decode many files in parallel, so each decode runs on one thread.
    static readonly Configuration SingleThreaded = CreateSingleThreaded();

    static Configuration CreateSingleThreaded()
    {
        var configuration = Configuration.Default.Clone();
        configuration.MaxDegreeOfParallelism = 1;
        return configuration;
    }

    /// <summary>True for a visible file whose extension is one of <see cref="Extensions"/>.</summary>
    public static bool IsImageFile(string path) =>
        Extensions.Contains(Path.GetExtension(path)) && !Path.GetFileName(path).StartsWith('.');

    /// <summary>Decodes <paramref name="path"/> into <paramref name="destination"/> (size*size gray bytes).
    /// Throws whatever the decoder throws for a file it cannot read, and <see cref="InvalidImageContentException"/>
    /// for a JPEG or PNG cut short (<see cref="CheckComplete"/>).</summary>
    public static void ReadInto(string path, int size, Span<byte> destination)
    {
        var bytes = File.ReadAllBytes(path);
        CheckComplete(bytes);
        using var image = Image.Load<L8>(SingleThreaded, bytes);
        ToSquare(image, size);
        image.CopyPixelDataTo(destination);
    }

    /// <summary>The whole image as gray bytes (width*height, row-major), undecodable or cut-short files refused as by
    /// <see cref="ReadInto"/>: for face detection, which needs the photo as it is.</summary>
    public static (byte[] Pixels, int Width, int Height) ReadGray(string path)
    {
        var bytes = File.ReadAllBytes(path);
        CheckComplete(bytes);
        using var image = Image.Load<L8>(SingleThreaded, bytes);
        var pixels = new byte[image.Width * image.Height];
        image.CopyPixelDataTo(pixels);
        return (pixels, image.Width, image.Height);
    }

    /// <summary>
    /// ImageSharp decodes a JPEG or PNG that was cut short into a partly grey face without a word, so a file of
    /// either kind must end as its format ends: a JPEG with its end-of-image marker (FF D9; only 0x00 padding may
    /// follow), a PNG with its IEND chunk. Inside a JPEG's compressed data FF is always followed by 00 or a restart
    /// marker, so FF D9 cannot appear there by chance.
    /// </summary>
    public static void CheckComplete(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF)
        {
            var end = bytes.TrimEnd((byte)0);
            if (end.Length < 4 || end[^2] != 0xFF || end[^1] != 0xD9)
                throw new InvalidImageContentException("truncated JPEG (no end-of-image marker at its end)");
        }
        else if (bytes.Length >= 8 && bytes[..8].SequenceEqual(PngSignature))
        {
            if (bytes.Length < 20 || !bytes[^12..].SequenceEqual(PngEnd))
                throw new InvalidImageContentException("truncated PNG (no IEND chunk at its end)");
        }
    }

    static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    static readonly byte[] PngEnd = [0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82];

    /// <summary>Resizes a gray image given as bytes (width*height, row-major) to size*size, as files are resized.</summary>
    public static void ResizeGray(ReadOnlySpan<byte> pixels, int width, int height, int size, Span<byte> destination)
    {
        using var image = Image.LoadPixelData<L8>(SingleThreaded, pixels, width, height);
        ToSquare(image, size);
        image.CopyPixelDataTo(destination);
    }

    static void ToSquare(Image<L8> image, int size)
    {
        if (image.Width == size && image.Height == size) return;
        image.Mutate(x => x.Resize(new ResizeOptions
        {
            Size = new Size(size, size),
            Mode = ResizeMode.Crop,
            Position = AnchorPositionMode.Center,
            Sampler = KnownResamplers.Bicubic,
        }));
    }
}
