using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using EmoAug.Evaluation;
using EmoAug.Reporting;
using EmoAug.Runtime;
using Spectre.Console;

namespace EmoAug.Cli.Commands;

/// <summary>
/// `emoaug predict --model M photo|video|folder... [--json] [--csv FILE] [--annotate DIR] [--no-detect] [--every N]`:
/// the faces in each photo (or video frame), each with its box, label and probabilities.
/// </summary>
public static class PredictCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Checkpoint file or training run folder", Required = true };
        var paths = new Argument<string[]>("paths") { Description = "Photos or folders of photos (any size, colour or gray, any number of faces)", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Print a JSON array (one object per face) instead of a table" };
        var csv = new Option<string?>("--csv") { Description = "Also write one CSV row per face: file, face, box, framing, label, probabilities", HelpName = "FILE" };
        var annotate = new Option<string?>("--annotate") { Description = "Write each photo with its faces' boxes and labels drawn into this folder (PNG)", HelpName = "DIR" };
        var noDetect = new Option<bool>("--no-detect") { Description = "Take each image whole as one cropped face (FER2013-like crops) instead of finding the faces in it" };
        var every = new Option<int>("--every") { Description = "Of a video file (mp4, avi, mov, mkv, webm, ...), label every N-th frame", DefaultValueFactory = _ => 1 };
        var threads = new Option<int>("--threads") { Description = "CPU threads (0 = torch's default)" };
        var mirror = new Option<bool>("--mirror") { Description = "Average each face's probabilities with its mirror image's (test-time augmentation)" };
        var command = new Command("predict", "Find the faces in photos and label each with a trained classifier. Faces are detected (OpenCV) and cropped as FER2013 frames its faces; an image of at most 128 px in which none is found is taken whole as a cropped face.");
        command.Arguments.Add(paths);
        foreach (var option in new Option[] { model, json, csv, annotate, noDetect, every, threads, mirror }) command.Options.Add(option);
        command.SetAction(CommandRunner.Guard(parse =>
        {
            TorchRuntime.Ensure(parse.GetValue(threads));
            var annotateDir = parse.GetValue(annotate);
            if (annotateDir != null && File.Exists(annotateDir)) throw new EmoAugException($"--annotate {annotateDir}: is a file; give a folder");
            var csvPath = parse.GetValue(csv);
            if (csvPath != null && Directory.Exists(csvPath)) throw new EmoAugException($"--csv {csvPath}: is a folder; give a file name");
            // Check and decode every input before printing anything: bad input gives one line, not half a table.
            var files = PredictionInput.Expand(parse.GetValue(paths)!);
            using var classifier = TrainedClassifier.Load(parse.GetValue(model)!);
            int everyFrame = parse.GetValue(every);
            if (everyFrame < 1) throw new EmoAugException($"--every {everyFrame}: must be at least 1");
            var (faces, images, noFace) = PhotoFaces.Find(files, classifier.Size, detect: !parse.GetValue(noDetect), everyFrame);
            using var probabilities = Scored(classifier, images, parse.GetValue(mirror));
            var p = probabilities.data<float>().ToArray();
            int k = classifier.ClassNames.Count;
            var results = faces.Select((face, i) =>
            {
                var row = p.AsSpan(i * k, k).ToArray();
                return new Labelled(face, classifier.ClassNames[Array.IndexOf(row, row.Max())], row);
            }).ToList();

            if (csvPath != null) AtomicFile.WriteAllText(csvPath, Csv(results, noFace, classifier.ClassNames));
            if (annotateDir != null)
            {
                Directory.CreateDirectory(annotateDir);
                foreach (var (file, name) in AnnotationNames(files.Where(f => !PredictionInput.IsVideo(f)).ToList()))
                    PhotoAnnotation.Write(file, results.Where(r => r.Face.File == file)
                        .Select(r => (r.Face.Box, $"{r.Label} {r.Row.Max():P0}")).ToList(), Path.Combine(annotateDir, name));
            }
            foreach (var (file, frame) in noFace) Console.Error.WriteLine(frame is { } f ? $"{file}: frame {f}: no face found" : $"{file}: no face found");
            if (parse.GetValue(json))
            {
                Console.WriteLine(Json(results, noFace, classifier.ClassNames).ToJsonString());
                return 0;
            }
            var table = new Table().AddColumns("file", "frame", "face", "box", "label");
            foreach (var c in classifier.ClassNames) table.AddColumn(c);
            foreach (var r in results)
                table.AddRow(new[] { Markup.Escape(r.Face.File), r.Face.Frame is { } f ? $"{f} ({r.Face.Seconds:F2} s)" : "", FaceName(r.Face), BoxText(r.Face), r.Label }
                    .Concat(r.Row.Select(v => $"{v:F3}")).ToArray());
            AnsiConsole.Write(table);
            return 0;
        }));
        return command;
    }

    sealed record Labelled(PhotoFace Face, string Label, float[] Row);

    /// <summary>The faces' class probabilities; the faces' tensor is freed.</summary>
    static TorchSharp.torch.Tensor Scored(TrainedClassifier classifier, TorchSharp.torch.Tensor images, bool mirror)
    {
        using (images) return classifier.Probabilities(images, mirror: mirror);
    }

    static string FaceName(PhotoFace face) => face.Box == null ? "whole image" : $"{face.Index}";

    static string BoxText(PhotoFace face) => face.Box is { } b ? $"{b.X},{b.Y} {b.Width}x{b.Height}" : "";

    /// <summary>One object per face ({file, face, box {x, y, width, height} or null, framing, label, probabilities}),
    /// then one per photo without a face ({file, face: null, label: null, note}).</summary>
    static JsonArray Json(List<Labelled> results, List<(string File, int? Frame)> noFace, IReadOnlyList<string> classes) =>
        new([
            .. results.Select(r => (JsonNode)new JsonObject
            {
                ["file"] = r.Face.File,
                ["frame"] = r.Face.Frame,
                ["seconds"] = r.Face.Seconds is { } t ? Math.Round(t, 3) : null,
                ["face"] = r.Face.Index,
                ["box"] = r.Face.Box is { } b ? new JsonObject { ["x"] = b.X, ["y"] = b.Y, ["width"] = b.Width, ["height"] = b.Height } : null,
                ["framing"] = r.Face.Framing,
                ["label"] = r.Label,
                ["probabilities"] = new JsonObject(classes.Select((c, j) => KeyValuePair.Create(c, (JsonNode?)Math.Round(r.Row[j], 6)))),
            }),
            .. noFace.Select(n => (JsonNode)new JsonObject { ["file"] = n.File, ["frame"] = n.Frame, ["face"] = null, ["label"] = null, ["note"] = "no face found" }),
        ]);

    static string Csv(List<Labelled> results, List<(string File, int? Frame)> noFace, IReadOnlyList<string> classes)
    {
        var text = new StringBuilder();
        text.AppendLine(string.Join(",", new[] { "file", "frame", "seconds", "face", "x", "y", "width", "height", "framing", "label" }.Concat(classes)));
        foreach (var r in results)
        {
            var box = r.Face.Box is { } b ? new[] { b.X, b.Y, b.Width, b.Height }.Select(v => v.ToString(CultureInfo.InvariantCulture)) : ["", "", "", ""];
            var time = new[] { r.Face.Frame?.ToString(CultureInfo.InvariantCulture) ?? "", r.Face.Seconds?.ToString("0.###", CultureInfo.InvariantCulture) ?? "" };
            text.AppendLine(string.Join(",", new[] { Quote(r.Face.File) }.Concat(time).Concat([$"{r.Face.Index}"]).Concat(box).Concat([r.Face.Framing, r.Label])
                .Concat(r.Row.Select(v => v.ToString("0.######", CultureInfo.InvariantCulture)))));
        }
        foreach (var (file, frame) in noFace)
            text.AppendLine(string.Join(",", new[] { Quote(file), frame?.ToString(CultureInfo.InvariantCulture) ?? "", "", "", "", "", "", "", "none", "" }
                .Concat(classes.Select(_ => ""))));
        return text.ToString();
    }

    static string Quote(string field) => field.Contains(',') || field.Contains('"') ? $"\"{field.Replace("\"", "\"\"")}\"" : field;

    /// <summary>Each photo's annotated file name: its own name as PNG, numbered where two photos share a name.</summary>
    static IEnumerable<(string File, string Name)> AnnotationNames(IReadOnlyList<string> files)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files.Distinct())
        {
            var stem = Path.GetFileNameWithoutExtension(file);
            var name = $"{stem}.png";
            for (int n = 2; !used.Add(name); n++) name = $"{stem}-{n}.png";
            yield return (file, name);
        }
    }
}
