using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace EmoAug.Data.Faces;

/// <summary>
/// MediaPipe's BlazeFace face detector (Bazarevsky et al. 2019) run by ONNX Runtime: a square RGB input (128 px for
/// the front-camera model, 256 px for the back-camera one) in [-1, 1], and for each of 896 anchors (a 16x16 grid with
/// 2 anchors per cell, then an 8x8 grid with 6) a face score and a box relative to the anchor, in input pixels. The
/// photo is letterboxed into a square canvas with a margin around it, repeating its edge pixels, so that a tight crop
/// is seen at a size the model was trained on; overlapping boxes are merged as MediaPipe does (score-weighted means).
/// Not thread-safe: one per thread.
/// </summary>
public sealed class BlazeFace : IDisposable
{
    const float MergeOverlap = 0.3f;
    static readonly (int Cells, int Anchors)[] Layers = [(16, 2), (8, 6)];

    readonly InferenceSession session;
    readonly string input;
    readonly string[] scores, boxes;
    readonly int side;

    BlazeFace(InferenceSession session, int side)
    {
        this.session = session;
        this.side = side;
        input = session.InputMetadata.Keys.Single();
        // The model's outputs: per layer a score [1, n, 1] and a box with 6 key points [1, n, 16].
        var outputs = session.OutputMetadata.OrderBy(o => o.Key, StringComparer.Ordinal).ToList();
        scores = [.. Layers.Select(l => outputs.Single(o => o.Value.Dimensions[^1] == 1 && o.Value.Dimensions[1] == l.Cells * l.Cells * l.Anchors).Key)];
        boxes = [.. Layers.Select(l => outputs.Single(o => o.Value.Dimensions[^1] == 16 && o.Value.Dimensions[1] == l.Cells * l.Cells * l.Anchors).Key)];
    }

    /// <summary>Loads a BlazeFace model whose input is <paramref name="side"/> pixels square, on one thread.</summary>
    public static BlazeFace Load(string path, int side)
    {
        if (!File.Exists(path)) throw new EmoAugException($"face detection: {path} is missing (it is copied beside the program at build time)");
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
        return new BlazeFace(new InferenceSession(path, options), side);
    }

    /// <summary>
    /// The faces with a score above <paramref name="threshold"/> in a gray photo, in its pixels, best first. The photo
    /// is placed in a square canvas of its longer side plus <paramref name="margin"/> times that side on each edge.
    /// </summary>
    public List<(FaceBox Box, float Score)> Detect(ReadOnlySpan<byte> gray, int width, int height, double margin, float threshold)
    {
        int longer = Math.Max(width, height), border = (int)Math.Round(longer * margin);
        int canvas = longer + 2 * border;
        int left = (canvas - width) / 2, top = (canvas - height) / 2;
        var pixels = new float[side * side * 3];
        double step = canvas / (double)side;
        // Each input pixel averages the canvas pixels it covers (area resampling), edge pixels repeated outside the photo.
        int taps = Math.Max(1, (int)Math.Ceiling(step));
        for (int y = 0; y < side; y++)
            for (int x = 0; x < side; x++)
            {
                double sum = 0;
                for (int dy = 0; dy < taps; dy++)
                {
                    int py = Math.Clamp((int)((y + (dy + 0.5) / taps) * step) - top, 0, height - 1);
                    for (int dx = 0; dx < taps; dx++)
                    {
                        int px = Math.Clamp((int)((x + (dx + 0.5) / taps) * step) - left, 0, width - 1);
                        sum += gray[py * width + px];
                    }
                }
                float value = (float)(sum / (taps * taps) / 127.5 - 1);
                int at = (y * side + x) * 3;
                pixels[at] = pixels[at + 1] = pixels[at + 2] = value;
            }
        var tensor = new DenseTensor<float>(pixels, [1, side, side, 3]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(input, tensor)]);
        var found = new List<(float Cx, float Cy, float W, float H, float Score)>();
        for (int layer = 0; layer < Layers.Length; layer++)
        {
            var (cells, anchors) = Layers[layer];
            var score = results.First(r => r.Name == scores[layer]).AsTensor<float>().ToArray();
            var box = results.First(r => r.Name == boxes[layer]).AsTensor<float>().ToArray();
            for (int i = 0; i < score.Length; i++)
            {
                float p = 1 / (1 + MathF.Exp(-score[i]));
                if (p <= threshold) continue;
                int cell = i / anchors;
                float ax = (cell % cells + 0.5f) / cells, ay = (cell / cells + 0.5f) / cells;
                found.Add((ax + box[i * 16] / side, ay + box[i * 16 + 1] / side, box[i * 16 + 2] / side, box[i * 16 + 3] / side, p));
            }
        }
        var faces = new List<(FaceBox Box, float Score)>();
        foreach (var (cx, cy, w, h, score) in Merge(found))
        {
            // From the canvas's unit square to the photo's pixels; a box centred outside the photo is the margin's.
            double x = cx * canvas - left, y = cy * canvas - top, bw = w * canvas, bh = h * canvas;
            if (x < 0 || y < 0 || x >= width || y >= height) continue;
            faces.Add((new FaceBox((int)Math.Round(x - bw / 2), (int)Math.Round(y - bh / 2), (int)Math.Round(bw), (int)Math.Round(bh)), score));
        }
        return faces;
    }

    /// <summary>MediaPipe's weighted non-maximum suppression: boxes overlapping the best by more than
    /// <see cref="MergeOverlap"/> are averaged into it, weighted by score.</summary>
    static IEnumerable<(float Cx, float Cy, float W, float H, float Score)> Merge(List<(float Cx, float Cy, float W, float H, float Score)> found)
    {
        var left = found.OrderByDescending(f => f.Score).ToList();
        while (left.Count > 0)
        {
            var best = left[0];
            var group = left.Where(f => Overlap(best, f) > MergeOverlap).ToList();
            left.RemoveAll(group.Contains);
            float total = group.Sum(g => g.Score);
            yield return (group.Sum(g => g.Cx * g.Score) / total, group.Sum(g => g.Cy * g.Score) / total,
                group.Sum(g => g.W * g.Score) / total, group.Sum(g => g.H * g.Score) / total, best.Score);
        }
    }

    static float Overlap((float Cx, float Cy, float W, float H, float) a, (float Cx, float Cy, float W, float H, float) b)
    {
        float x0 = Math.Max(a.Cx - a.W / 2, b.Cx - b.W / 2), x1 = Math.Min(a.Cx + a.W / 2, b.Cx + b.W / 2);
        float y0 = Math.Max(a.Cy - a.H / 2, b.Cy - b.H / 2), y1 = Math.Min(a.Cy + a.H / 2, b.Cy + b.H / 2);
        float inner = Math.Max(0, x1 - x0) * Math.Max(0, y1 - y0);
        return inner / (a.W * a.H + b.W * b.H - inner);
    }

    public void Dispose() => session.Dispose();
}
