using System.CommandLine;
using EmoAug.Data;
using EmoAug.Runtime;
using EmoAug.Training;
using Spectre.Console;

namespace EmoAug.Cli.Commands;

/// <summary>`emoaug train-gan`: train a CycleGAN from one class of a dataset's training split to another.</summary>
public static class TrainGanCommand
{
    public static Command Create()
    {
        var defaults = new CycleGanOptions();
        var data = new Option<string>("--data") { Description = "Dataset path, or 'synthetic'", Required = true };
        var from = new Option<string>("--from") { Description = "Source class (A), e.g. neutral", Required = true };
        var to = new Option<string>("--to") { Description = "Target class (B), e.g. disgust", Required = true };
        var output = new Option<string>("--out") { Description = "Run folder: checkpoint, sample grids, loss curves", Required = true };
        var size = new Option<int>("--size") { Description = "Face side in pixels after loading", DefaultValueFactory = _ => 48 };
        var split = new Option<string?>("--split") { Description = "Training split to use (default: the data's training split); validation/test splits are refused" };
        var epochs = new Option<int>("--epochs") { Description = "Epochs at constant learning rate", DefaultValueFactory = _ => defaults.Epochs };
        var decay = new Option<int>("--decay-epochs") { Description = "Further epochs with the learning rate falling linearly to 0", DefaultValueFactory = _ => defaults.DecayEpochs };
        var lr = new Option<double>("--lr") { Description = "Adam learning rate", DefaultValueFactory = _ => defaults.LearningRate };
        var beta1 = new Option<double>("--beta1") { Description = "Adam beta1", DefaultValueFactory = _ => defaults.Beta1 };
        var beta2 = new Option<double>("--beta2") { Description = "Adam beta2", DefaultValueFactory = _ => defaults.Beta2 };
        var lambda = new Option<double>("--lambda") { Description = "Cycle L1 weight, each direction", DefaultValueFactory = _ => defaults.LambdaCycle };
        var identity = new Option<double>("--identity") { Description = "Identity L1 weight as a fraction of --lambda (0 = off)", DefaultValueFactory = _ => defaults.IdentityWeight };
        var pool = new Option<int>("--pool-size") { Description = "Generated images kept for the discriminators (0 = none)", DefaultValueFactory = _ => defaults.PoolSize };
        var batch = new Option<int>("--batch-size") { Description = "Image pairs per iteration", DefaultValueFactory = _ => defaults.BatchSize };
        var ngf = new Option<int>("--ngf") { Description = "Generator width", DefaultValueFactory = _ => defaults.Ngf };
        var ndf = new Option<int>("--ndf") { Description = "Discriminator width", DefaultValueFactory = _ => defaults.Ndf };
        var blocks = new Option<int>("--blocks") { Description = "Residual blocks per generator", DefaultValueFactory = _ => defaults.Blocks };
        var layers = new Option<int>("--d-layers") { Description = "Stride-2 layers of the PatchGAN discriminator", DefaultValueFactory = _ => defaults.DiscriminatorLayers };
        var epochSize = new Option<string>("--epoch-size") { Description = "'target': an epoch = each target image once; 'max': max of the two class sizes", DefaultValueFactory = _ => defaults.EpochSize };
        var samples = new Option<int>("--samples") { Description = "Faces per direction in each epoch's sample grid", DefaultValueFactory = _ => defaults.SampleCount };
        var seed = new Option<int>("--seed") { Description = "Seed of weights, pairing and pool draws", DefaultValueFactory = _ => defaults.Seed };
        var threads = new Option<int>("--threads") { Description = "CPU threads (0 = LibTorch default)", DefaultValueFactory = _ => 0 };
        var device = new Option<string>("--device") { Description = "cpu or cuda", DefaultValueFactory = _ => "cpu" };
        var diffAugment = new Option<bool>("--diff-augment") { Description = "Randomly shift, blank, brighten and contrast every face the discriminators see (DiffAugment), against memorising a small target class" };
        var residual = new Option<bool>("--residual") { Description = "Generators learn a change to the input face (residual images) instead of a whole new face" };
        var guide = new Option<string[]>("--guide") { Description = "A classifier trained on real faces (checkpoint or run folder) whose cross-entropy on the translations joins the generators' loss, pushing them toward the class they should show; give several (--guide A B) for their mean; judge the result with another classifier", AllowMultipleArgumentsPerToken = true };
        var guideWeight = new Option<double>("--guide-weight") { Description = "Weight of the --guide loss, each direction", DefaultValueFactory = _ => 1.0 };
        var guideAugment = new Option<bool>("--guide-augment") { Description = "The guides judge randomly mirrored, shifted and blurred translations, so textures only one network reads as the target earn less" };
        var initFrom = new Option<string?>("--init-from") { Description = "Start from another CycleGAN's four networks (a train-gan folder or checkpoint, same network sizes) instead of random weights, e.g. neutral -> disgust's for neutral -> surprise" };
        var resume = new Option<bool>("--resume") { Description = "Continue the run in --out from its last finished epoch (its saved options are used)" };

        var command = new Command("train-gan", "Train a CycleGAN (least-squares loss) that turns faces of one class into another.");
        foreach (var option in new Option[] { data, from, to, output, size, split, epochs, decay, lr, beta1, beta2, lambda, identity,
                     pool, batch, ngf, ndf, blocks, layers, epochSize, samples, seed, threads, device, diffAugment, residual, guide, guideWeight, guideAugment, initFrom, resume })
            command.Options.Add(option);

        command.SetAction(CommandRunner.Guard(parse =>
        {
            int threadCount = parse.GetValue(threads);
            TorchRuntime.Ensure(threadCount);
            using var dataset = DatasetLoader.Load(parse.GetValue(data)!, new LoadOptions(Size: parse.GetValue(size)));
            var outDir = parse.GetValue(output)!;
            IReadOnlyList<string>? guides = parse.GetValue(guide) is { Length: > 0 } given ? given : null;
            var options = new CycleGanOptions(parse.GetValue(epochs), parse.GetValue(decay), parse.GetValue(lr),
                parse.GetValue(beta1), parse.GetValue(beta2), parse.GetValue(lambda), parse.GetValue(identity),
                parse.GetValue(pool), parse.GetValue(batch), parse.GetValue(ngf), parse.GetValue(ndf), parse.GetValue(blocks),
                parse.GetValue(layers), parse.GetValue(epochSize)!, parse.GetValue(samples), parse.GetValue(seed), threadCount,
                parse.GetValue(device)!, parse.GetValue(diffAugment), parse.GetValue(residual), guides,
                // Without --guide the weight is 0, unless given, which the options then refuse.
                guides is null && parse.GetResult(guideWeight) is null or { Implicit: true } ? 0 : parse.GetValue(guideWeight),
                parse.GetValue(guideAugment), parse.GetValue(initFrom));
            using var trainer = parse.GetValue(resume)
                ? CycleGanTrainer.Resume(dataset, outDir, threadCount, parse.GetValue(device), parse.GetValue(split))
                : NewRun(dataset, parse.GetValue(from)!, parse.GetValue(to)!, options, outDir, parse.GetValue(split));
            if (trainer.CompletedEpochs >= trainer.Options.TotalEpochs)
            {
                Console.WriteLine($"{trainer.CheckpointPath}: all {trainer.Options.TotalEpochs} epochs are done already");
                return 0;
            }
            Console.WriteLine($"CycleGAN {trainer.FromClass} ({trainer.CountA} faces) <-> {trainer.ToClass} ({trainer.CountB} faces), " +
                              $"{trainer.IterationsPerEpoch} iterations per epoch, epochs {trainer.CompletedEpochs + 1}..{trainer.Options.TotalEpochs}, out {outDir}");
            using var cancel = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
            try
            {
                Run(trainer, cancel.Token);
            }
            catch (OperationCanceledException)
            {
                Console.Error.WriteLine($"stopped; the checkpoint after epoch {trainer.CompletedEpochs} is in {trainer.CheckpointPath} (continue with --resume)");
                return 130;
            }
            Console.WriteLine($"done: {trainer.CheckpointPath}, samples in {Path.Combine(outDir, "samples")}, losses in {Path.Combine(outDir, "losses.csv")}");
            return 0;
        }));
        return command;
    }

    static CycleGanTrainer NewRun(FaceDataset dataset, string from, string to, CycleGanOptions options, string outDir, string? split)
    {
        if (File.Exists(Path.Combine(outDir, CycleGanCheckpoint.FileName)))
            throw new EmoAugException($"--out {outDir}: already holds a CycleGAN run; add --resume to continue it or choose another folder");
        return new CycleGanTrainer(dataset, from, to, options, outDir, split);
    }

    static void Run(CycleGanTrainer trainer, CancellationToken cancel)
    {
        if (Console.IsErrorRedirected || Console.IsOutputRedirected)
        {
            trainer.Train(p =>
            {
                if (p.EpochFinished) Console.WriteLine($"epoch {p.Epoch}/{p.TotalEpochs}: {p.RunningMean}");
            }, cancel: cancel);
            return;
        }
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("training", maxValue: trainer.Options.TotalEpochs * (double)trainer.IterationsPerEpoch);
                task.Value = trainer.CompletedEpochs * (double)trainer.IterationsPerEpoch;
                trainer.Train(p =>
                {
                    task.Value = (p.Epoch - 1) * (double)p.IterationsPerEpoch + p.Iteration;
                    task.Description = Markup.Escape($"epoch {p.Epoch}/{p.TotalEpochs} {p.RunningMean}");
                    if (p.EpochFinished) AnsiConsole.MarkupLine(Markup.Escape($"epoch {p.Epoch}/{p.TotalEpochs}: {p.RunningMean}"));
                }, cancel: cancel);
            });
    }
}
