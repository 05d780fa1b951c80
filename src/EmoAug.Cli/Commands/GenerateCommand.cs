using System.CommandLine;
using EmoAug.Data;
using EmoAug.Runtime;
using EmoAug.Training;

namespace EmoAug.Cli.Commands;

/// <summary>`emoaug generate`: translate training faces of a CycleGAN's source class into its target class, as PNGs.</summary>
public static class GenerateCommand
{
    public static Command Create()
    {
        var gan = new Option<string>("--gan") { Description = "CycleGAN checkpoint, or the train-gan run folder holding it", Required = true };
        var data = new Option<string>("--data") { Description = "Dataset whose training images of the source class are translated", Required = true };
        var output = new Option<string>("--out") { Description = "Output root: PNGs go to <out>/<class>/, rows to <out>/manifest.csv", Required = true };
        var count = new Option<int>("--count") { Description = "Faces to generate (0 = one per source training image)", DefaultValueFactory = _ => 0 };
        var direction = new Option<string>("--direction") { Description = "a2b: --from class to --to class of the run; b2a: the reverse", DefaultValueFactory = _ => "a2b" };
        var size = new Option<int>("--size") { Description = "Face side in pixels after loading (must match the GAN)", DefaultValueFactory = _ => 48 };
        var seed = new Option<int>("--seed") { Description = "Seed of the choice and order of source images", DefaultValueFactory = _ => 0 };
        var threads = new Option<int>("--threads") { Description = "CPU threads (0 = LibTorch default)", DefaultValueFactory = _ => 0 };
        var device = new Option<string>("--device") { Description = "cpu or cuda", DefaultValueFactory = _ => "cpu" };

        var command = new Command("generate", "Translate source-class training faces with a trained CycleGAN into a labelled PNG folder.");
        foreach (var option in new Option[] { gan, data, output, count, direction, size, seed, threads, device })
            command.Options.Add(option);
        command.SetAction(CommandRunner.Guard(parse =>
        {
            TorchRuntime.Ensure(parse.GetValue(threads));
            var checkpoint = CycleGanCheckpoint.Resolve(parse.GetValue(gan)!);
            using var dataset = DatasetLoader.Load(parse.GetValue(data)!, new LoadOptions(Size: parse.GetValue(size)));
            var outDir = parse.GetValue(output)!;
            using var faces = FaceGeneration.Generate(checkpoint, dataset,
                new GenerationOptions(parse.GetValue(count), parse.GetValue(direction)!, parse.GetValue(seed),
                    Threads: parse.GetValue(threads), Device: parse.GetValue(device)!), outDir);
            Console.WriteLine($"{faces.Files.Count} {faces.SourceClass} -> {faces.TargetClass} faces in " +
                              $"{Path.Combine(outDir, faces.TargetClass)}, manifest {Path.Combine(outDir, FaceGeneration.ManifestName)}");
            return 0;
        }));
        return command;
    }
}
