using EmoAug.Data.Loading;

namespace EmoAug.Data;

/// <summary>How to load a dataset.</summary>
/// <param name="Size">Side of the square images after conversion to gray and resizing (default 48).</param>
/// <param name="Format">Auto (default: detect from the path, <see cref="Loading.FormatDetector"/>), or the loader to use.</param>
/// <param name="SkipInvalid">Skip unreadable files and bad rows (and report them) instead of stopping at the first.</param>
/// <param name="ExcludeList">
/// A text file listing images to leave out, one path per line relative to the dataset root (the last word of a line
/// counts, so SFEW's "NONFACE train/angry/x.png" works; '#' starts a comment). Default null: keep every image, so
/// SFEW's bad_alignment.txt is reported but not applied unless named here.
/// </param>
/// <param name="CacheDir">
/// Folder of the load cache. Default null: the environment variable EMOAUG_CACHE_DIR, else ".cache/emoaug" under the
/// current directory.
/// </param>
/// <param name="UseCache">Read and write the load cache (default true). Off: always decode every file.</param>
/// <param name="AlignFaces">Detect the face in each image file and crop it as FER2013 frames its faces
/// (<see cref="Faces.FaceFraming.Fer2013"/>) before resizing, for sets framed otherwise (whole heads, shoulders);
/// an image in which no face is found is kept as it would be without (centre-cropped) and counted in the load's
/// notes. Default off. FER2013's CSV rows are FER2013-framed already and are not touched.</param>
public sealed record LoadOptions(int Size = 48, DataFormat Format = DataFormat.Auto, bool SkipInvalid = false,
    string? ExcludeList = null, string? CacheDir = null, bool UseCache = true, bool AlignFaces = false);
