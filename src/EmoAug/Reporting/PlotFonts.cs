namespace EmoAug.Reporting;

/// <summary>
/// Whether plot text can be drawn. Without any system font (e.g. a slim container) ScottPlot still writes the PNGs,
/// but titles, labels and the numbers in the confusion cells are missing; callers can warn with <see cref="Advice"/>.
/// </summary>
public static class PlotFonts
{
    /// <summary>The font manager lists an empty family even with no font files, so ask whether the default
    /// typeface (the one ScottPlot falls back to) has any glyph.</summary>
    public static bool Available => SkiaSharp.SKTypeface.Default.GlyphCount > 0;

    public const string Advice = "no fonts found: plots are drawn without text (on Debian/Ubuntu: apt-get install fonts-dejavu-core)";
}
