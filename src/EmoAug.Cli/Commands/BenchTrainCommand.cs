using EmoAug.Generators;
using EmoAug.Generators.CycleGan;
using EmoAug.Generators.StarGan;
using EmoAug.Models;
using EmoAug.Runtime;
using EmoAug.Training;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace EmoAug.Cli.Commands;

/// <summary>
/// `emoaug bench-train` (hidden): training steps per second of one model on random data, the EmoAug side of
/// benchmarks/speed.sh, which runs benchmarks/torch_speed.py with the same model, batch and threads beside it.
/// Prints one JSON line like the Python side.
/// </summary>
public static class BenchTrainCommand
{
    public static Command Create()
    {
        var network = new Option<string>("--network") { Description = "paper-cnn, vgg, cyclegan or stargan", DefaultValueFactory = _ => "paper-cnn" };
        var batch = new Option<int>("--batch-size") { Description = "Images per step", DefaultValueFactory = _ => 64 };
        var threads = new Option<int>("--threads") { Description = "CPU threads", DefaultValueFactory = _ => 2 };
        var size = new Option<int>("--size") { Description = "Image side", DefaultValueFactory = _ => 48 };
        var steps = new Option<int>("--steps") { Description = "Timed steps", DefaultValueFactory = _ => 30 };
        var warmup = new Option<int>("--warmup") { Description = "Untimed steps first", DefaultValueFactory = _ => 3 };
        var precision = new Option<string?>("--precision") { Description = "float32 (default) or bfloat16" };
        var gan = new CycleGanOptions();
        var ngf = new Option<int>("--ngf") { Description = "CycleGAN generator width", DefaultValueFactory = _ => gan.Ngf };
        var ndf = new Option<int>("--ndf") { Description = "CycleGAN discriminator width", DefaultValueFactory = _ => gan.Ndf };
        var blocks = new Option<int>("--blocks") { Description = "CycleGAN residual blocks", DefaultValueFactory = _ => gan.Blocks };
        var dLayers = new Option<int>("--d-layers") { Description = "PatchGAN stride-2 layers", DefaultValueFactory = _ => gan.DiscriminatorLayers };
        var command = new Command("bench-train", "Benchmark: training steps per second of a model on random data (see benchmarks/speed.sh).") { Hidden = true };
        foreach (var option in new Option[] { network, batch, threads, size, steps, warmup, precision, ngf, ndf, blocks, dLayers }) command.Options.Add(option);
        command.SetAction(CommandRunner.Guard(parse =>
        {
            TorchRuntime.Ensure(parse.GetValue(threads));
            manual_seed(0);
            string name = parse.GetValue(network)!;
            int b = parse.GetValue(batch), s = parse.GetValue(size);
            var canonical = ComputePrecision.Canonical(parse.GetValue(precision));
            using var starData = name == "stargan" ? RandomFaces(s) : null;
            using var star = starData is null ? null : new StarGanTrainer(starData, new StarGanOptions(BatchSize: b, Threads: parse.GetValue(threads),
                Precision: canonical), Path.Combine(Path.GetTempPath(), "emoaug-bench-stargan"));
            var random = new Random(0);
            Action step = name switch
            {
                "cyclegan" => CycleGanStep(gan with { Ngf = parse.GetValue(ngf), Ndf = parse.GetValue(ndf), Blocks = parse.GetValue(blocks),
                    DiscriminatorLayers = parse.GetValue(dLayers), Precision = canonical }, b, s),
                "stargan" => () => star!.TrainBatch(random),
                _ => ClassifierStep(name, b, s, canonical),
            };
            for (int i = 0; i < parse.GetValue(warmup); i++) step();
            var clock = Stopwatch.StartNew();
            for (int i = 0; i < parse.GetValue(steps); i++) step();
            double itemsPerStep = name is "cyclegan" or "stargan" ? 1 : b;
            double rate = itemsPerStep * parse.GetValue(steps) / clock.Elapsed.TotalSeconds;
            Console.WriteLine($"{{\"framework\": \"emoaug\", \"model\": \"{name}\", \"batch\": {b}, \"threads\": {parse.GetValue(threads)}, " +
                $"\"precision\": \"{ComputePrecision.Canonical(parse.GetValue(precision)) ?? ComputePrecision.Float32Name}\", " +
                $"\"items_per_s\": {rate.ToString("R", CultureInfo.InvariantCulture)}}}");
            return 0;
        }));
        return command;
    }

    /// <summary>Random faces of seven classes (70 each) for the StarGAN's iterations.</summary>
    static Data.FaceDataset RandomFaces(int size)
    {
        const int count = 490;
        var classes = new[] { "angry", "disgust", "fear", "happy", "sad", "surprise", "neutral" };
        var samples = Enumerable.Range(0, count).Select(i => new Data.FaceSample($"random_{i}", null, "train")).ToList();
        return new Data.FaceDataset(randint(0, 256, [count, 1, size, size]).to_type(ScalarType.Byte),
            tensor(Enumerable.Range(0, count).Select(i => (long)(i % 7)).ToArray()), samples, classes, "random");
    }

    /// <summary>One Adam step of a classifier on a random batch (as benchmarks/torch_speed.py does).</summary>
    static Action ClassifierStep(string name, int batch, int size, string? precision)
    {
        var network = ClassifierModels.Create(ClosedSet.Parse<ClassifierNetwork>(name, "--network"), 7, size, new ModelOptions(Precision: precision));
        network.train();
        var optimizer = optim.Adam(network.parameters(), 1e-3);
        var x = randn(batch, 1, size, size);
        var y = randint(0, 7, batch);
        return () =>
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            nn.functional.cross_entropy(network.call(x), y).backward();
            optimizer.step();
        };
    }

    /// <summary>One CycleGAN iteration: both generators' step (discriminators frozen), then both discriminators' step.</summary>
    static Action CycleGanStep(CycleGanOptions options, int batch, int size)
    {
        var nets = new CycleGanNetworks(options, CPU);
        var optimizerG = optim.Adam(nets.GeneratorParameters, 2e-4, 0.5, 0.999);
        var optimizerD = optim.Adam(nets.DiscriminatorParameters, 2e-4, 0.5, 0.999);
        var a = rand(batch, 1, size, size) * 2 - 1;
        var b = rand(batch, 1, size, size) * 2 - 1;
        return () =>
        {
            using var scope = NewDisposeScope();
            nets.DiscriminatorsRequireGrad(false);
            optimizerG.zero_grad();
            var fakeB = nets.GeneratorAB.call(a);
            var fakeA = nets.GeneratorBA.call(b);
            var lossG = GanLosses.LeastSquares(nets.DiscriminatorB.call(fakeB), true) + GanLosses.LeastSquares(nets.DiscriminatorA.call(fakeA), true)
                + 10 * (GanLosses.L1(nets.GeneratorBA.call(fakeB), a) + GanLosses.L1(nets.GeneratorAB.call(fakeA), b))
                + 5 * (GanLosses.L1(nets.GeneratorAB.call(b), b) + GanLosses.L1(nets.GeneratorBA.call(a), a));
            lossG.backward();
            optimizerG.step();
            nets.DiscriminatorsRequireGrad(true);
            optimizerD.zero_grad();
            var lossD = GanLosses.Discriminator(nets.DiscriminatorA.call(a), nets.DiscriminatorA.call(fakeA.detach()))
                + GanLosses.Discriminator(nets.DiscriminatorB.call(b), nets.DiscriminatorB.call(fakeB.detach()));
            lossD.backward();
            optimizerD.step();
        };
    }
}
