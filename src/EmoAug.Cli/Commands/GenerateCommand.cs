using System.CommandLine;
using EmoAug.Data;
using EmoAug.Evaluation;
using EmoAug.Generators;
using EmoAug.Runtime;
using EmoAug.Training;
using static TorchSharp.torch;

namespace EmoAug.Cli.Commands;

/// <summary>`emoaug generate`: translate training faces of a CycleGAN's source class into its target class, as PNGs.</summary>
public static class GenerateCommand
{
    public static Command Create()
    {
        var gan = new Option<string>("--gan") { Description = "CycleGAN or StarGAN checkpoint, or the train-gan run folder holding it", Required = true };
        var data = new Option<string>("--data") { Description = "Dataset whose training images of the source class are translated", Required = true };
        var output = new Option<string>("--out") { Description = "Output root: PNGs go to <out>/<class>/, rows to <out>/manifest.csv", Required = true };
        var count = new Option<int>("--count") { Description = "Faces to generate (0 = one per source training image)", DefaultValueFactory = _ => 0 };
        var direction = new Option<string>("--direction") { Description = "CycleGAN: a2b: --from class to --to class of the run; b2a: the reverse", DefaultValueFactory = _ => "a2b" };
        var from = new Option<string?>("--from") { Description = "StarGAN: the class whose faces are translated, or 'any' for every class but --to [default: neutral]" };
        var to = new Option<string?>("--to") { Description = "StarGAN: the class to make (needed)" };
        var size = new Option<int>("--size") { Description = "Face side in pixels after loading (must match the GAN)", DefaultValueFactory = _ => 48 };
        var seed = new Option<int>("--seed") { Description = "Seed of the choice and order of source images", DefaultValueFactory = _ => 0 };
        var threads = new Option<int>("--threads") { Description = "CPU threads (0 = LibTorch default)", DefaultValueFactory = _ => 0 };
        var device = new Option<string>("--device") { Description = "cpu or cuda", DefaultValueFactory = _ => "cpu" };
        var judge = new Option<string?>("--judge") { Description = "Classifier checkpoint or run folder trained on real faces, which chooses the faces kept by --keep" };
        var keep = new Option<int>("--keep") { Description = "Write only this many of the --count faces: those --judge finds most like the target class (0 = all)", DefaultValueFactory = _ => 0 };

        var command = new Command("generate", "Translate source-class training faces with a trained CycleGAN or StarGAN into a labelled PNG folder.");
        foreach (var option in new Option[] { gan, data, output, count, direction, from, to, size, seed, threads, device, judge, keep })
            command.Options.Add(option);
        command.SetAction(CommandRunner.Guard(parse =>
        {
            TorchRuntime.Ensure(parse.GetValue(threads));
            var checkpoint = FaceTranslator.Resolve(parse.GetValue(gan)!);
            using var dataset = DatasetLoader.Load(parse.GetValue(data)!, new LoadOptions(Size: parse.GetValue(size)));
            var outDir = parse.GetValue(output)!;
            var options = new GenerationOptions(parse.GetValue(count), parse.GetValue(direction)!, parse.GetValue(seed),
                Threads: parse.GetValue(threads), Device: ComputeDevice.Parse(parse.GetValue(device)!), Keep: parse.GetValue(keep));
            using var translator = FaceTranslator.Open(checkpoint, options.Direction, parse.GetValue(from), parse.GetValue(to), options.Device);
            using var judgeClassifier = parse.GetValue(judge) is { } judgePath ? TrainedClassifier.Load(judgePath, options.Device) : null;
            if (judgeClassifier is not null && options.Keep == 0)
                throw new EmoAugException("--judge: give --keep N, the number of faces it keeps");
            Func<Tensor, Tensor>? targetScore = judgeClassifier is null ? null : TargetProbability(judgeClassifier, translator);
            using var faces = FaceGeneration.Generate(translator, dataset, options, outDir, targetScore);
            Console.WriteLine($"{faces.Files.Count} {faces.SourceClass} -> {faces.TargetClass} faces in " +
                              $"{Path.Combine(outDir, faces.TargetClass)}, manifest {Path.Combine(outDir, FaceGeneration.ManifestName)}" +
                              (judgeClassifier is null ? "" : $" (those {judgeClassifier.Path} finds most like {faces.TargetClass})"));
            return 0;
        }));
        return command;
    }

    /// <summary>The judge's probability of the generator's target class, checked against it before any face is made.</summary>
    static Func<Tensor, Tensor> TargetProbability(TrainedClassifier judge, FaceTranslator translator)
    {
        int target = judge.JudgeClassIndex(translator.TargetClass, translator.Size, "--judge");
        return faces => judge.Probabilities(faces).select(1, target);
    }
}
