using EmoAug.Data;
using EmoAug.Generators;
using EmoAug.Generators.CycleGan;
using EmoAug.Generators.StarGan;
using EmoAug.Models;
using EmoAug.Runtime;
using EmoAug.Training;
using Spectre.Console;
using System.CommandLine;

namespace EmoAug.Cli.Commands;

/// <summary>
/// `emoaug train-gan`: train a generator of faces on a dataset's training split: a CycleGAN from one class to another
/// (`--generator cyclegan`, the paper's), or one StarGAN for every class (`--generator stargan`).
/// </summary>
public static class TrainGanCommand
{
    /// <summary>--help's headings: what both generators take, then each family's own options.</summary>
    public static readonly IReadOnlyList<OptionGroup> HelpGroups =
    [
        new("Both generators", "--generator", "--data", "--out", "--size", "--split", "--lr", "--beta1", "--beta2", "--lambda", "--batch-size",
            "--ngf", "--ndf", "--blocks", "--d-layers", "--samples", "--seed", "--threads", "--device", "--precision", "--resume"),
        new("CycleGAN (--generator cyclegan, the default)", "--from", "--to", "--epochs", "--decay-epochs", "--identity", "--pool-size", "--epoch-size",
            "--diff-augment", "--residual", "--guide", "--guide-weight", "--guide-augment", "--init-from"),
        new("StarGAN (--generator stargan)", "--iterations", "--decay-iterations", "--checkpoint-every", "--lambda-cls", "--attention", "--lambda-mask",
            "--no-class-balance"),
    ];

    public static Command Create()
    {
        var cycle = new CycleGanOptions();
        var star = new StarGanOptions();
        string Both<T>(T c, T s) => $"[default: cyclegan {c}, stargan {s}]";
        var generator = new Option<string?>("--generator") { Description = "cyclegan (one class to another, the paper's) or stargan (one generator for every class) [default: cyclegan; with --resume, the run's]" };
        var data = new Option<string>("--data") { Description = "Dataset path, or 'synthetic'", Required = true };
        var from = new Option<string?>("--from") { Description = "CycleGAN: source class (A), e.g. neutral" };
        var to = new Option<string?>("--to") { Description = "CycleGAN: target class (B), e.g. disgust" };
        var output = new Option<string>("--out") { Description = "Run folder: checkpoint, sample grids, loss curves", Required = true };
        var size = new Option<int>("--size") { Description = "Face side in pixels after loading", DefaultValueFactory = _ => 48 };
        var split = new Option<string?>("--split") { Description = "Training split to use (default: the data's training split); validation/test splits are refused" };
        // Epochs in all, as train-classifier's --epochs and experiment's --gan-epochs count them (and --iterations the StarGAN's).
        var epochs = new Option<int>("--epochs") { Description = "CycleGAN: epochs in all, the last --decay-epochs of them with the learning rate falling linearly to 0", DefaultValueFactory = _ => cycle.TotalEpochs };
        var decay = new Option<int?>("--decay-epochs") { Description = "CycleGAN: the last this many epochs have the learning rate falling linearly to 0 [default: half of --epochs]" };
        var iterations = new Option<int>("--iterations") { Description = "StarGAN: optimiser steps in all", DefaultValueFactory = _ => star.Iterations };
        var decayIterations = new Option<int?>("--decay-iterations") { Description = "StarGAN: the last this many steps have the learning rate falling linearly to 0 [default: half of --iterations]" };
        var checkpointEvery = new Option<int>("--checkpoint-every") { Description = "StarGAN: steps between checkpoints, sample grids and loss points", DefaultValueFactory = _ => star.CheckpointEvery };
        var lr = new Option<double?>("--lr") { Description = "Adam learning rate " + Both(cycle.LearningRate, star.LearningRate) };
        var beta1 = new Option<double>("--beta1") { Description = "Adam beta1", DefaultValueFactory = _ => cycle.Beta1 };
        var beta2 = new Option<double>("--beta2") { Description = "Adam beta2", DefaultValueFactory = _ => cycle.Beta2 };
        var lambda = new Option<double>("--lambda") { Description = "Cycle (reconstruction) L1 weight", DefaultValueFactory = _ => cycle.LambdaCycle };
        var identity = new Option<double>("--identity") { Description = "CycleGAN: identity L1 weight as a fraction of --lambda (0 = off)", DefaultValueFactory = _ => cycle.IdentityWeight };
        var lambdaCls = new Option<double>("--lambda-cls") { Description = "StarGAN: weight of the class losses", DefaultValueFactory = _ => star.LambdaClassification };
        var attention = new Option<bool>("--attention") { Description = "StarGAN: the generator paints an attention mask and changes only where it points (GANimation)" };
        var lambdaMask = new Option<double>("--lambda-mask") { Description = "StarGAN with --attention: weight of the mask's mean", DefaultValueFactory = _ => star.LambdaMask };
        var noBalance = new Option<bool>("--no-class-balance") { Description = "StarGAN: do not weigh the discriminator's class loss by inverse class frequency" };
        var pool = new Option<int>("--pool-size") { Description = "CycleGAN: generated images kept for the discriminators (0 = none)", DefaultValueFactory = _ => cycle.PoolSize };
        var batch = new Option<int?>("--batch-size") { Description = "Faces (CycleGAN: image pairs) per iteration " + Both(cycle.BatchSize, star.BatchSize) };
        var ngf = new Option<int>("--ngf") { Description = "Generator width", DefaultValueFactory = _ => cycle.Ngf };
        var ndf = new Option<int>("--ndf") { Description = "Discriminator width", DefaultValueFactory = _ => cycle.Ndf };
        var blocks = new Option<int>("--blocks") { Description = "Residual blocks per generator", DefaultValueFactory = _ => cycle.Blocks };
        var layers = new Option<int?>("--d-layers") { Description = "Stride-2 layers of the PatchGAN discriminator " + Both(cycle.DiscriminatorLayers, star.DiscriminatorLayers) };
        var epochSize = new Option<string>("--epoch-size") { Description = "CycleGAN: 'target': an epoch = each target image once; 'max': max of the two class sizes", DefaultValueFactory = _ => cycle.EpochSize };
        var samples = new Option<int>("--samples") { Description = "Faces per row of each sample grid", DefaultValueFactory = _ => cycle.SampleCount };
        var seed = new Option<int>("--seed") { Description = "Seed of weights, pairing and draws", DefaultValueFactory = _ => cycle.Seed };
        var threads = new Option<int>("--threads") { Description = "CPU threads (0 = LibTorch default)", DefaultValueFactory = _ => 0 };
        var device = new Option<string>("--device") { Description = "cpu or cuda", DefaultValueFactory = _ => "cpu" };
        var precision = new Option<string?>("--precision") { Description = "Convolutions in float32 or bfloat16 (products in bfloat16, weights, normalisations and losses in float32; faster on CPUs with AMX) [default: float32]" };
        var diffAugment = new Option<bool>("--diff-augment") { Description = "CycleGAN: randomly shift, blank, brighten and contrast every face the discriminators see (DiffAugment), against memorising a small target class" };
        var residual = new Option<bool>("--residual") { Description = "CycleGAN: generators learn a change to the input face (residual images) instead of a whole new face" };
        var guide = new Option<string[]>("--guide") { Description = "CycleGAN: a classifier trained on real faces (checkpoint or run folder) whose cross-entropy on the translations joins the generators' loss, pushing them toward the class they should show; give several (--guide A B) for their mean; judge the result with another classifier", AllowMultipleArgumentsPerToken = true };
        var guideWeight = new Option<double>("--guide-weight") { Description = "CycleGAN: weight of the --guide loss, each direction", DefaultValueFactory = _ => 1.0 };
        var guideAugment = new Option<bool>("--guide-augment") { Description = "CycleGAN: the guides judge randomly mirrored, shifted and blurred translations, so textures only one network reads as the target earn less" };
        var initFrom = new Option<string?>("--init-from") { Description = "CycleGAN: start from another CycleGAN's four networks (a train-gan folder or checkpoint, same network sizes) instead of random weights, e.g. neutral -> disgust's for neutral -> surprise" };
        var resume = new Option<bool>("--resume") { Description = "Continue the run in --out from its last checkpoint (its saved options are used)" };

        var command = new Command("train-gan", "Train a generator of faces (least-squares loss): a CycleGAN from one class to another, or one StarGAN for every class.");
        foreach (var option in new Option[] { generator, data, from, to, output, size, split, epochs, decay, iterations, decayIterations, checkpointEvery,
                     lr, beta1, beta2, lambda, identity, lambdaCls, attention, lambdaMask, noBalance, pool, batch, ngf, ndf, blocks, layers, epochSize,
                     samples, seed, threads, device, precision, diffAugment, residual, guide, guideWeight, guideAugment, initFrom, resume })
            command.Options.Add(option);

        command.SetAction(CommandRunner.Guard(parse =>
        {
            int threadCount = parse.GetValue(threads);
            var outDir = parse.GetValue(output)!;
            bool resuming = parse.GetValue(resume);
            var family = parse.GetValue(generator) is { } named ? ClosedSet.Parse<GeneratorFamily>(named, "--generator")
                : resuming && File.Exists(Path.Combine(outDir, StarGanCheckpoint.FileName)) ? GeneratorFamily.StarGan : GeneratorFamily.CycleGan;
            bool Given(Option option) => parse.GetResult(option) is { Implicit: false };
            var other = family == GeneratorFamily.StarGan
                ? new Option[] { from, to, epochs, decay, identity, pool, epochSize, diffAugment, residual, guide, guideWeight, guideAugment, initFrom }
                : [iterations, decayIterations, checkpointEvery, lambdaCls, attention, lambdaMask, noBalance];
            if (other.FirstOrDefault(Given) is { } misplaced)
                throw new EmoAugException($"{misplaced.Name}: not an option of the {ClosedSet.Name(family)} generator (--generator {ClosedSet.Name(family == GeneratorFamily.StarGan ? GeneratorFamily.CycleGan : GeneratorFamily.StarGan)} has it)");
            TorchRuntime.Ensure(threadCount);
            using var dataset = DatasetLoader.Load(parse.GetValue(data)!, new LoadOptions(Size: parse.GetValue(size)));
            using var cancel = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
            if (family == GeneratorFamily.StarGan)
            {
                var options = new StarGanOptions(parse.GetValue(iterations), parse.GetValue(decayIterations) ?? parse.GetValue(iterations) / 2, parse.GetValue(checkpointEvery),
                    parse.GetValue(lr) ?? star.LearningRate, parse.GetValue(beta1), parse.GetValue(beta2), parse.GetValue(batch) ?? star.BatchSize,
                    parse.GetValue(lambdaCls), parse.GetValue(lambda), parse.GetValue(attention), parse.GetValue(lambdaMask), star.LambdaMaskSmooth,
                    !parse.GetValue(noBalance), parse.GetValue(ngf), parse.GetValue(ndf), parse.GetValue(blocks), parse.GetValue(layers) ?? star.DiscriminatorLayers,
                    parse.GetValue(samples), parse.GetValue(seed), threadCount, ComputeDevice.Parse(parse.GetValue(device)!),
                    Models.ComputePrecision.Canonical(parse.GetValue(precision)));
                bool saved = File.Exists(Path.Combine(outDir, StarGanCheckpoint.FileName));
                if (!resuming && saved)
                    throw new EmoAugException($"--out {outDir}: already holds a StarGAN run; add --resume to continue it or choose another folder");
                using var trainer = resuming && saved
                    ? StarGanTrainer.Resume(dataset, outDir, threadCount, ComputeDevice.Parse(parse.GetValue(device)!), parse.GetValue(split))
                    : new StarGanTrainer(dataset, options, outDir, parse.GetValue(split));
                if (resuming && saved)
                    RefuseChanged(outDir, Given, [
                        (iterations, o => o.Iterations), (decayIterations, o => o.DecayIterations), (checkpointEvery, o => o.CheckpointEvery),
                        (lr, o => o.LearningRate), (beta1, o => o.Beta1), (beta2, o => o.Beta2), (batch, o => o.BatchSize),
                        (lambdaCls, o => o.LambdaClassification), (lambda, o => o.LambdaReconstruction), (attention, o => o.Attention),
                        (lambdaMask, o => o.LambdaMask), (noBalance, o => !o.BalanceClasses), (ngf, o => o.Ngf), (ndf, o => o.Ndf),
                        (blocks, o => o.Blocks), (layers, o => o.DiscriminatorLayers), (samples, o => o.SampleCount), (seed, o => o.Seed),
                        (precision, o => o.Precision ?? "float32")], options, trainer.Options);
                return RunStarGan(trainer, cancel.Token);
            }

            bool cycleSaved = File.Exists(Path.Combine(outDir, CycleGanCheckpoint.FileName));
            // --resume on a folder without a checkpoint starts the run, as train-classifier's does.
            bool continuing = resuming && cycleSaved;
            if (parse.GetValue(from) is null && !continuing) throw new EmoAugException("--from: the CycleGAN's source class is needed (e.g. --from neutral)");
            if (parse.GetValue(to) is null && !continuing) throw new EmoAugException("--to: the CycleGAN's target class is needed (e.g. --to disgust)");
            IReadOnlyList<string>? guides = parse.GetValue(guide) is { Length: > 0 } given ? given : null;
            int totalEpochs = parse.GetValue(epochs), decayEpochs = parse.GetValue(decay) ?? totalEpochs / 2;
            if (totalEpochs < 1) throw new EmoAugException($"--epochs {totalEpochs}: must be at least 1");
            if (decayEpochs < 0 || decayEpochs > totalEpochs)
                throw new EmoAugException($"--decay-epochs {decayEpochs}: must be between 0 and --epochs ({totalEpochs})");
            var cycleOptions = new CycleGanOptions(totalEpochs - decayEpochs, decayEpochs, parse.GetValue(lr) ?? cycle.LearningRate,
                parse.GetValue(beta1), parse.GetValue(beta2), parse.GetValue(lambda), parse.GetValue(identity),
                parse.GetValue(pool), parse.GetValue(batch) ?? cycle.BatchSize, parse.GetValue(ngf), parse.GetValue(ndf), parse.GetValue(blocks),
                parse.GetValue(layers) ?? cycle.DiscriminatorLayers, parse.GetValue(epochSize)!, parse.GetValue(samples), parse.GetValue(seed), threadCount,
                ComputeDevice.Parse(parse.GetValue(device)!), parse.GetValue(diffAugment), parse.GetValue(residual), guides,
                // Without --guide the weight is 0, unless given, which the options then refuse.
                guides is null && !Given(guideWeight) ? 0 : parse.GetValue(guideWeight),
                parse.GetValue(guideAugment), parse.GetValue(initFrom), Models.ComputePrecision.Canonical(parse.GetValue(precision)));
            using var cycleTrainer = continuing
                ? CycleGanTrainer.Resume(dataset, outDir, threadCount, ComputeDevice.Parse(parse.GetValue(device)!), parse.GetValue(split))
                : NewRun(dataset, parse.GetValue(from)!, parse.GetValue(to)!, cycleOptions, outDir, parse.GetValue(split));
            if (continuing)
            {
                if (parse.GetValue(from) is { } f && TrainingSplit.FindClass([cycleTrainer.FromClass], f) is null)
                    throw new EmoAugException($"--from {f}: the run in {outDir} translates {cycleTrainer.FromClass}; --resume continues it as it is (leave --from out, or choose another --out)");
                if (parse.GetValue(to) is { } t && TrainingSplit.FindClass([cycleTrainer.ToClass], t) is null)
                    throw new EmoAugException($"--to {t}: the run in {outDir} translates into {cycleTrainer.ToClass}; --resume continues it as it is (leave --to out, or choose another --out)");
                RefuseChanged(outDir, Given, [
                    (epochs, o => o.TotalEpochs), (decay, o => o.DecayEpochs), (lr, o => o.LearningRate), (beta1, o => o.Beta1), (beta2, o => o.Beta2),
                    (lambda, o => o.LambdaCycle), (identity, o => o.IdentityWeight), (pool, o => o.PoolSize), (batch, o => o.BatchSize),
                    (ngf, o => o.Ngf), (ndf, o => o.Ndf), (blocks, o => o.Blocks), (layers, o => o.DiscriminatorLayers), (epochSize, o => o.EpochSize),
                    (samples, o => o.SampleCount), (seed, o => o.Seed), (diffAugment, o => o.DiffAugment), (residual, o => o.ResidualGenerator),
                    (guide, o => o.Guide is null ? "" : string.Join(' ', o.Guide)), (guideWeight, o => o.GuideWeight), (guideAugment, o => o.GuideAugment),
                    (initFrom, o => o.InitFrom), (precision, o => o.Precision ?? "float32")], cycleOptions, cycleTrainer.Options);
            }
            return RunCycleGan(cycleTrainer, outDir, cancel.Token);
        }));
        return command;
    }

    /// <summary>
    /// One resume rule for every trainer: --resume continues a run with the options it was started with; an option
    /// given again with another value is refused, naming it, instead of being ignored (--threads and --device may change).
    /// </summary>
    static void RefuseChanged<T>(string outDir, Func<Option, bool> given, IReadOnlyList<(Option Option, Func<T, object?> Value)> fields,
        T now, T saved)
    {
        foreach (var (option, value) in fields)
            if (given(option) && !Equals(value(now), value(saved)))
                throw new EmoAugException($"{option.Name} {value(now)}: the run in {outDir} was started with {value(saved)}; --resume continues " +
                    $"it with its own options (leave {option.Name} out, or choose another --out)");
    }

    static CycleGanTrainer NewRun(FaceDataset dataset, string from, string to, CycleGanOptions options, string outDir, string? split)
    {
        if (File.Exists(Path.Combine(outDir, CycleGanCheckpoint.FileName)))
            throw new EmoAugException($"--out {outDir}: already holds a CycleGAN run; add --resume to continue it or choose another folder");
        return new CycleGanTrainer(dataset, from, to, options, outDir, split);
    }

    static int RunCycleGan(CycleGanTrainer trainer, string outDir, CancellationToken cancel)
    {
        if (trainer.CompletedEpochs >= trainer.Options.TotalEpochs)
        {
            Console.WriteLine($"{trainer.CheckpointPath}: all {trainer.Options.TotalEpochs} epochs are done already");
            return 0;
        }
        Console.WriteLine($"CycleGAN {trainer.FromClass} ({trainer.CountA} faces) <-> {trainer.ToClass} ({trainer.CountB} faces), " +
                          $"{trainer.IterationsPerEpoch} iterations per epoch, epochs {trainer.CompletedEpochs + 1}..{trainer.Options.TotalEpochs}, out {outDir}");
        try
        {
            Progress(trainer.Options.TotalEpochs * (double)trainer.IterationsPerEpoch, trainer.CompletedEpochs * (double)trainer.IterationsPerEpoch,
                report => trainer.Train(p =>
                {
                    report((p.Epoch - 1) * (double)p.IterationsPerEpoch + p.Iteration, $"epoch {p.Epoch}/{p.TotalEpochs} {p.RunningMean}",
                        p.EpochFinished ? $"epoch {p.Epoch}/{p.TotalEpochs}: {p.RunningMean}" : null);
                }, cancel: cancel));
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine($"stopped; the checkpoint after epoch {trainer.CompletedEpochs} is in {trainer.CheckpointPath} (continue with --resume)");
            return 130;
        }
        Console.WriteLine($"done: {trainer.CheckpointPath}, samples in {Path.Combine(outDir, "samples")}, losses in {Path.Combine(outDir, "losses.csv")}");
        return 0;
    }

    static int RunStarGan(StarGanTrainer trainer, CancellationToken cancel)
    {
        var o = trainer.Options;
        if (trainer.CompletedIterations >= o.Iterations)
        {
            Console.WriteLine($"{trainer.CheckpointPath}: all {o.Iterations} iterations are done already");
            return 0;
        }
        Console.WriteLine($"StarGAN of {trainer.ClassNames.Count} classes on {trainer.TrainCount} faces (" +
                          string.Join(", ", trainer.ClassNames.Select((c, i) => $"{c} {trainer.ClassCounts[i]}")) +
                          $"), batch {o.BatchSize}, iterations {trainer.CompletedIterations + 1}..{o.Iterations}, a checkpoint every {o.CheckpointEvery}, out {trainer.OutputDirectory}");
        try
        {
            Progress(o.Iterations, trainer.CompletedIterations, report => trainer.Train(p =>
                report(p.Iteration, $"iteration {p.Iteration}/{p.TotalIterations} {p.RunningMean}",
                    p.IntervalFinished ? $"iteration {p.Iteration}/{p.TotalIterations}: {p.RunningMean}" : null), cancel: cancel));
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine($"stopped; the checkpoint after iteration {trainer.CompletedIterations} is in {trainer.CheckpointPath} (continue with --resume)");
            return 130;
        }
        Console.WriteLine($"done: {trainer.CheckpointPath}, samples in {Path.Combine(trainer.OutputDirectory, "samples")}, losses in {Path.Combine(trainer.OutputDirectory, "losses.csv")}");
        return 0;
    }

    /// <summary>
    /// Runs <paramref name="train"/> with a progress bar on a terminal, or a line per finished epoch or interval when
    /// the output is redirected. The training calls its argument with (done, description, line to print or null).
    /// </summary>
    static void Progress(double total, double done, Action<Action<double, string, string?>> train)
    {
        if (Console.IsErrorRedirected || Console.IsOutputRedirected)
        {
            train((_, _, line) => { if (line is not null) Console.WriteLine(line); });
            return;
        }
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("training", maxValue: total);
                task.Value = done;
                train((value, description, line) =>
                {
                    task.Value = value;
                    task.Description = Markup.Escape(description);
                    if (line is not null) AnsiConsole.MarkupLine(Markup.Escape(line));
                });
            });
    }
}
