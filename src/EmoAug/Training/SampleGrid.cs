using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using TorchSharp;
using static TorchSharp.torch;

namespace EmoAug.Training;

/// <summary>
/// A PNG of fixed sample faces, one column per face, rows: real A, A->B, A->B->A, real B, B->A, B->A->B
/// (each face scaled up 2x so it can be looked at). Written atomically.
/// </summary>
public static class SampleGrid
{
    const int Scale = 2, Gap = 2;

    /// <param name="rows">uint8 tensors [K,1,H,W], all with the same K, H and W.</param>
    public static void Write(string path, IReadOnlyList<Tensor> rows)
    {
        int k = (int)rows[0].shape[0], h = (int)rows[0].shape[2], w = (int)rows[0].shape[3];
        int cellW = w * Scale + Gap, cellH = h * Scale + Gap;
        using var image = new Image<L8>(k * cellW + Gap, rows.Count * cellH + Gap, new L8(255));
        for (int r = 0; r < rows.Count; r++)
        {
            var pixels = rows[r].contiguous().data<byte>().ToArray();
            for (int c = 0; c < k; c++)
            for (int y = 0; y < h * Scale; y++)
            for (int x = 0; x < w * Scale; x++)
                image[Gap + c * cellW + x, Gap + r * cellH + y] = new L8(pixels[c * h * w + y / Scale * w + x / Scale]);
        }
        AtomicFile.Write(path, stream => image.SaveAsPng(stream));
    }
}
