using ScottPlot;

namespace EmoAug.Reporting;

/// <summary>Shared rendering rules of the report's plots: PNG of a checked size, written atomically.</summary>
internal static class PlotImage
{
    /// <summary>Colour-blind-friendly palette (Okabe-Ito, then Tol) so up to 10 classes stay distinguishable.</summary>
    public static readonly Color[] Palette =
    [
        Color.FromHex("#0072B2"), Color.FromHex("#E69F00"), Color.FromHex("#009E73"), Color.FromHex("#CC79A7"),
        Color.FromHex("#56B4E9"), Color.FromHex("#D55E00"), Color.FromHex("#000000"), Color.FromHex("#F0E442"),
        Color.FromHex("#882255"), Color.FromHex("#999933"),
    ];

    public static Color ColorOf(int index) => Palette[((index % Palette.Length) + Palette.Length) % Palette.Length];

    public static void Save(Plot plot, string path, int width, int height)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (width < 64 || height < 64 || width > 10000 || height > 10000)
            throw new ArgumentOutOfRangeException(nameof(width), $"plot size {width}x{height} must be within 64..10000 px");
        using var image = plot.GetImage(width, height);
        AtomicFile.WriteAllBytes(path, image.GetImageBytes(ImageFormat.Png));
    }
}
