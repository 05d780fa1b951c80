namespace EmoAug.Data;

/// <summary>How to load a dataset.</summary>
/// <param name="Size">Side of the square images after conversion to gray and resizing (default 48).</param>
/// <param name="Format">"auto" (detect from the path), or a loader's name.</param>
/// <param name="SkipInvalid">Skip unreadable files and bad rows (and report them) instead of stopping at the first.</param>
public sealed record LoadOptions(int Size = 48, string Format = "auto", bool SkipInvalid = false);
