using EmoAug.Data;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using static TorchSharp.torch;

namespace EmoAug.Reporting;

/// <summary>
/// Writes a PNG grid of gray faces, one row per group (per class for a dataset), tiles enlarged by an integer
/// factor with nearest-neighbour so single pixels stay visible, on a dark background with a 2-pixel gap.
/// The file is written atomically (temp file, then move).
/// </summary>
public static class FaceGrid
{
    const int Gap = 2;
    const byte Background = 32;

    /// <summary>Writes <paramref name="perClass"/> faces of every class of <paramref name="dataset"/>, rows in
    /// <see cref="FaceDataset.ClassNames"/> order (a class without images leaves its row empty). Faces are picked
    /// with a seeded shuffle, so the same seed gives the same grid.</summary>
    public static void Write(string path, FaceDataset dataset, int perClass = 10, int seed = 0, int scale = 2)
    {
        var labels = dataset.LabelArray();
        var random = new Random(seed);
        var rows = new List<Tensor>();
        try
        {
            for (int c = 0; c < dataset.ClassNames.Count; c++)
            {
                var members = Enumerable.Range(0, labels.Length).Where(i => labels[i] == c).ToArray();
                random.Shuffle(members);
                var picked = members.Take(perClass).Select(i => (long)i).ToArray();
                using var index = tensor(picked, ScalarType.Int64);
                rows.Add(dataset.Images.index_select(0, index));
            }
            Write(path, rows, scale);
        }
        finally
        {
            foreach (var row in rows) row.Dispose();
        }
    }

    /// <summary>Writes one row per tensor; each is a uint8 tensor [n,1,H,W] (n may differ between rows, or be 0).</summary>
    public static void Write(string path, IReadOnlyList<Tensor> rows, int scale = 2)
    {
        if (!path.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
            throw new EmoAugException($"{path}: a face grid is written as PNG; give a file name ending in .png");
        if (rows.Count == 0) throw new ArgumentException("a grid needs at least one row", nameof(rows));
        if (scale < 1) throw new ArgumentOutOfRangeException(nameof(scale));
        foreach (var row in rows)
            if (row.dtype != ScalarType.Byte || row.dim() != 4 || row.shape[1] != 1)
                throw new ArgumentException("each grid row must be a uint8 tensor [n,1,H,W]", nameof(rows));
        int height = (int)rows[0].shape[2], width = (int)rows[0].shape[3];
        if (rows.Any(r => r.shape[2] != height || r.shape[3] != width))
            throw new ArgumentException("all grid faces must have the same size", nameof(rows));

        int columns = Math.Max(1, rows.Max(r => (int)r.shape[0]));
        int tileW = width * scale, tileH = height * scale;
        using var image = new Image<L8>(Gap + columns * (tileW + Gap), Gap + rows.Count * (tileH + Gap), new L8(Background));
        for (int r = 0; r < rows.Count; r++)
        {
            if (rows[r].shape[0] == 0) continue; // an empty row stays background
            using var contiguous = rows[r].contiguous();
            var pixels = contiguous.data<byte>().ToArray();
            int count = (int)rows[r].shape[0];
            for (int k = 0; k < count; k++)
            {
                int left = Gap + k * (tileW + Gap), top = Gap + r * (tileH + Gap);
                for (int y = 0; y < tileH; y++)
                for (int x = 0; x < tileW; x++)
                    image[left + x, top + y] = new L8(pixels[k * height * width + y / scale * width + x / scale]);
            }
        }
        AtomicFile.Write(path, stream => image.SaveAsPng(stream));
    }
}
