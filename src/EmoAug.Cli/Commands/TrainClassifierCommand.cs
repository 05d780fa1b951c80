using System.Text.Json;
using System.CommandLine;
using EmoAug.Data;
using EmoAug.Models;
using EmoAug.Runtime;
using EmoAug.Training;
using Spectre.Console;

namespace EmoAug.Cli.Commands;

/// <summary>
/// `emoaug train-classifier --data D --out DIR [options]`: trains vgg or paper-cnn, each from its best measured recipe
/// (<see cref="ClassifierRecipe"/>), or with --paper the paper's network; the options given override the recipe;
/// --resume continues a run.
/// </summary>
public static class TrainClassifierCommand
{
    public static Command Create()
    {
        var defaults = new ClassifierOptions();
        var data = new Option<string>("--data") { Description = "Dataset path, or \"synthetic\"", Required = true };
        var outDir = new Option<string>("--out") { Description = "Run folder (checkpoints, metrics, curves)", Required = true };
        var network = new Option<string?>("--network") { Description = "vgg or paper-cnn [default: vgg]; each starts from its best measured recipe (docs/classifier.md)" };
        var paper = new Option<bool>("--paper") { Description = "Start from the paper's network and settings instead: paper-cnn, no dropout, no third convolution, no augmentation, 30 epochs" };
        var epochs = new Option<int?>("--epochs") { Description = "Epochs [default: the recipe's: vgg 24, paper-cnn 25, --paper 30]" };
        var batch = new Option<int>("--batch-size") { Description = "Images per step", DefaultValueFactory = _ => defaults.BatchSize };
        var optimizer = new Option<string>("--optimizer") { Description = "adam or sgd (momentum 0.9)", DefaultValueFactory = _ => ClosedSet.Name(defaults.Optimizer) };
        var lr = new Option<double?>("--lr") { Description = "Initial learning rate [default: 0.001 with adam, 0.01 with sgd]" };
        var weightDecay = new Option<double>("--weight-decay") { Description = "L2 weight decay", DefaultValueFactory = _ => defaults.WeightDecay };
        var schedule = new Option<string>("--schedule") { Description = "cosine, step or constant", DefaultValueFactory = _ => ClosedSet.Name(defaults.Schedule) };
        var stepEpochs = new Option<int>("--step-epochs") { Description = "Epochs per step of the step schedule", DefaultValueFactory = _ => defaults.StepEpochs };
        var patience = new Option<int>("--patience") { Description = "Early stopping after this many epochs without improvement (0 = off)", DefaultValueFactory = _ => defaults.Patience };
        var selectBy = new Option<string>("--select-by") { Description = "Validation score that picks the best epoch: macro-f1 or accuracy", DefaultValueFactory = _ => ClosedSet.Name(defaults.SelectBy) };
        var seed = new Option<int>("--seed") { Description = "Random seed", DefaultValueFactory = _ => defaults.Seed };
        var threads = new Option<int>("--threads") { Description = "CPU threads (0 = torch's default)", DefaultValueFactory = _ => defaults.Threads };
        var device = new Option<string>("--device") { Description = "cpu or cuda", DefaultValueFactory = _ => defaults.Device.ToString() };
        var classWeights = new Option<bool>("--class-weights") { Description = "Weight the loss by inverse class frequency" };
        var oversample = new Option<bool>("--oversample") { Description = "Draw rare classes as often as common ones" };
        var augment = new Option<bool>("--augment") { Description = "Classic augmentation: flip, shift, rotation, zoom, brightness, contrast [default: on, except with --paper]" };
        var noAugment = new Option<bool>("--no-augment") { Description = "No classic augmentation" };
        var augmentStrength = new Option<double?>("--augment-strength") { Description = "Scales the augmentation's shift, rotation, zoom, brightness and contrast (0.5 = half, 0 = mirror only) [default: vgg 0.5, paper-cnn 0, --paper 1]" };
        var dropout = new Option<double?>("--dropout") { Description = "Dropout before the fully connected layers [default: vgg 0.4, paper-cnn 0.25, --paper 0]" };
        var extraConv = new Option<bool>("--extra-conv") { Description = "paper-cnn: a third convolution (3x3, 128) and pool, as the UW reproduction added [default: on for paper-cnn, off with --paper]" };
        var precision = new Option<string?>("--precision") { Description = "Convolutions and fully connected layers in float32 or bfloat16 (several times faster on CPUs with AMX or AVX-512 BF16) [default: float32]" };
        var size = new Option<int>("--size") { Description = "Image side the data are loaded at", DefaultValueFactory = _ => 48 };
        var initFrom = new Option<string?>("--init-from") { Description = "Start from this classifier's weights (a run folder or checkpoint) instead of random ones: fine-tuning; same network, classes and size" };
        var alignFaces = new Option<bool>("--align-faces") { Description = "Detect each image's face and crop it as FER2013 frames faces (for sets showing whole heads); recorded with the data's name" };
        var resume = new Option<bool>("--resume") { Description = "Continue the run in --out from its last completed epoch" };
        var augmentWith = new Option<string?>("--augment-with") { Description = "Folder of generated faces (<class>/*.png, as `generate` writes) added to the training split only" };
        var augmentPerClass = new Option<string?>("--augment-per-class") { Description = "With --augment-with: faces per class, as a count (200), a share of the class's real training count (0.5) or all [default: all]" };

        var command = new Command("train-classifier", "Train an emotion classifier on a dataset's training split. With no options: vgg, augmentation at strength 0.5, 24 epochs, the recipe that reached 67.1% on FER2013 (docs/results.md); --network paper-cnn: its best (third convolution, dropout 0.25, mirror images, 25 epochs: 60.3%); --paper: the paper's network and settings.");
        foreach (var option in new Option[] { data, outDir, network, paper, epochs, batch, optimizer, lr, weightDecay, schedule, stepEpochs,
                     patience, selectBy, seed, threads, device, classWeights, oversample, augment, noAugment, augmentStrength, dropout, extraConv, precision, size, initFrom, resume, augmentWith, augmentPerClass, alignFaces })
            command.Options.Add(option);
        command.SetAction(CommandRunner.Guard(parse =>
        {
            var optimizerKind = ClosedSet.Parse<ClassifierOptimizer>(parse.GetValue(optimizer)!, "--optimizer");
            var recipe = ClassifierRecipe.For(parse.GetValue(network) is { } named ? ClosedSet.Parse<ClassifierNetwork>(named, "--network") : null,
                parse.GetValue(paper));
            if (parse.GetValue(augment) && parse.GetValue(noAugment)) throw new EmoAugException("--augment, --no-augment: give one of them");
            bool augmenting = parse.GetValue(noAugment) ? false : parse.GetValue(augment) || recipe.Augment;
            var options = new ClassifierOptions(
                Model: recipe.Model, Epochs: parse.GetValue(epochs) ?? recipe.Epochs, BatchSize: parse.GetValue(batch),
                Optimizer: optimizerKind, LearningRate: parse.GetValue(lr) ?? (optimizerKind == ClassifierOptimizer.Sgd ? 0.01 : 0.001),
                WeightDecay: parse.GetValue(weightDecay), Schedule: ClosedSet.Parse<LearningRateSchedule>(parse.GetValue(schedule)!, "--schedule"),
                StepEpochs: parse.GetValue(stepEpochs), Patience: parse.GetValue(patience),
                SelectBy: ClosedSet.Parse<SelectionScore>(parse.GetValue(selectBy)!, "--select-by"), Seed: parse.GetValue(seed),
                Threads: parse.GetValue(threads), Device: ComputeDevice.Parse(parse.GetValue(device)!), ClassWeights: parse.GetValue(classWeights),
                Oversample: parse.GetValue(oversample), Augment: augmenting,
                Augmentation: AugmentationOf(parse.GetValue(augmentStrength) ?? (augmenting ? recipe.AugmentStrength : 1)),
                ModelOptions: new ModelOptions(parse.GetValue(dropout) ?? recipe.Dropout, parse.GetValue(extraConv) || recipe.ExtraConv,
                    ComputePrecision.Canonical(parse.GetValue(precision))),
                InitFrom: parse.GetValue(initFrom));
            options.Validate();
            TorchRuntime.Ensure(options.Threads);
            var dataName = parse.GetValue(data)!;
            bool align = parse.GetValue(alignFaces);
            var outPath = parse.GetValue(outDir)!;
            if (parse.GetValue(augmentPerClass) != null && parse.GetValue(augmentWith) == null)
                throw new EmoAugException("--augment-per-class: needs --augment-with");
            using var dataset = TrainingData(dataName, parse.GetValue(size), align, parse.GetValue(augmentWith), parse.GetValue(augmentPerClass), outPath);
            // The run's record of its data names the alignment, so a resume without it (or with it, after a run
            // without) is refused as a change of data.
            var result = Run(options, dataset, align ? $"{dataName} --align-faces" : dataName, outPath, parse.GetValue(resume));
            var best = result.Best;
            AnsiConsole.MarkupLineInterpolated(
                $"best epoch {best.Epoch}: validation accuracy {best.ValidationAccuracy:P2}, macro-F1 {best.ValidationMacroF1:F4} -> {result.BestCheckpoint}");
            return 0;
        }));
        return command;
    }

    /// <summary>The data to train on: as loaded, or with --augment-with's generated faces added to the training split
    /// (recorded in augmentation.json). The real set is copied into the combined one and freed (83 MB for FER2013).</summary>
    static FaceDataset TrainingData(string dataName, int size, bool alignFaces, string? generatedFolder, string? perClass, string outPath)
    {
        var (real, load) = DatasetLoader.LoadWithReport(dataName, new LoadOptions(Size: size, AlignFaces: alignFaces));
        foreach (var note in load.Notes.Where(n => n.StartsWith("--align-faces"))) AnsiConsole.WriteLine($"note: {note}");
        if (generatedFolder == null) return real;
        using (real)
        {
            var (combined, record) = GeneratedAugmentation.Add(real, generatedFolder, perClass);
            AtomicFile.WriteAllText(Path.Combine(outPath, "augmentation.json"), JsonSerializer.Serialize(record, ClassifierCheckpoint.Json));
            AnsiConsole.MarkupLineInterpolated($"added generated faces to the training split: {string.Join(", ", record.Added.Select(a => $"{a.Key} {a.Value}"))}");
            return combined;
        }
    }

    /// <summary>The augmentation strengths for --augment-strength; null (the defaults) at strength 1, so such runs
    /// resume and compare like runs made before the option existed. ClassifierOptions.Validate checks the ranges and
    /// refuses strengths without --augment.</summary>
    static ClassicAugmentation? AugmentationOf(double strength) =>
        strength == 1 ? null : new ClassicAugmentation().Scaled(strength);

    static TrainingResult Run(ClassifierOptions options, FaceDataset dataset, string dataName, string outPath, bool resume)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            // Logs and pipes: one line per epoch instead of a redrawn bar.
            var plain = new ClassifierTrainer(options, p =>
            {
                if (p.Completed is { } m) Console.WriteLine(EpochLine(m, p.Epochs));
            });
            return plain.Train(dataset, outPath, dataName, resume);
        }
        TrainingResult? result = null;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                ProgressTask? task = null;
                var trainer = new ClassifierTrainer(options, p =>
                {
                    if (p.Completed is { } m)
                    {
                        task?.StopTask();
                        AnsiConsole.WriteLine(EpochLine(m, p.Epochs));
                        task = null;
                        return;
                    }
                    task ??= context.AddTask($"epoch {p.Epoch}/{p.Epochs}", maxValue: p.Batches);
                    task.Value = p.Batch;
                    task.Description = $"epoch {p.Epoch}/{p.Epochs} loss {p.Loss:F4} acc {p.Accuracy:P1}";
                });
                result = trainer.Train(dataset, outPath, dataName, resume);
            });
        return result!;
    }

    static string EpochLine(EpochMetrics m, int epochs) =>
        $"epoch {m.Epoch}/{epochs}: loss {m.TrainLoss:F4} acc {m.TrainAccuracy:P2} | val loss {m.ValidationLoss:F4} " +
        $"acc {m.ValidationAccuracy:P2} macro-F1 {m.ValidationMacroF1:F4} | {m.ImagesPerSecond:F0} img/s";
}
