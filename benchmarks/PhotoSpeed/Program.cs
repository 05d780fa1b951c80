using System.Diagnostics;
using EmoAug.Evaluation;
using EmoAug.Runtime;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

// Times what `predict` does with one photo once the model is loaded: decode, find the faces, crop them, classify
// them. Prints each repeat (after one warm-up) and the medians of the whole and of its classification part.
if (args[0] == "make-photo")
{
    // make-photo OUT.png FACE...: a 640x480 gray photo with the given face photos side by side, for the timing.
    using var canvas = new Image<L8>(640, 480, new L8(180));
    var faces = args.Skip(2).ToArray();
    for (int f = 0; f < faces.Length; f++)
    {
        using var face = Image.Load<L8>(faces[f]);
        canvas.Mutate(c => c.DrawImage(face, new Point(f * 640 / faces.Length, 112), 1f));
    }
    canvas.SaveAsPng(args[1]);
    return;
}
var model = args[0];
var photo = args[1];
int repeats = args.Length > 2 ? int.Parse(args[2]) : 10;
int threads = args.Length > 3 ? int.Parse(args[3]) : 1;
TorchRuntime.Ensure(threads);
using var classifier = TrainedClassifier.Load(model);
var totals = new List<double>();
var classifying = new List<double>();
for (int i = 0; i <= repeats; i++)
{
    var clock = Stopwatch.StartNew();
    var (faces, images, _) = PhotoFaces.Find([photo], classifier.Size, detect: true);
    var found = clock.Elapsed.TotalMilliseconds;
    using (images)
    using (var probabilities = classifier.Probabilities(images)) { }
    var total = clock.Elapsed.TotalMilliseconds;
    if (i == 0) continue; // warm-up: OpenCV's and LibTorch's first calls
    Console.WriteLine($"run {i}: {faces.Count} faces, {total:F1} ms (classification {total - found:F1} ms)");
    totals.Add(total);
    classifying.Add(total - found);
}
static double Median(List<double> v) { var s = v.Order().ToArray(); return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2; }
Console.WriteLine($"median of {repeats}: {Median(totals):F1} ms per photo, of which classification {Median(classifying):F1} ms ({threads} thread(s))");
