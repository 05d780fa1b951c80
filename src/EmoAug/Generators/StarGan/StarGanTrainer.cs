using System.Diagnostics;
using EmoAug.Data;
using EmoAug.Runtime;
using EmoAug.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace EmoAug.Generators.StarGan;

/// <summary>
/// Trains one StarGAN on the training faces of every class at once. Each iteration draws a batch of real faces and,
/// for each, a target class other than its own; the discriminator learns real from generated (least squares) and the
/// real faces' classes (its auxiliary head), then the generator learns to fool it, to have its translations classed as
/// their targets, and to give a face back when its translation is translated back to the face's own class (cycle L1).
/// Every <see cref="StarGanOptions.CheckpointEvery"/> iterations it writes a sample grid
/// (samples/iter_NNNNNN.png: the fixed faces in the first row, their translations into each class below), the loss
/// curves (losses.csv, losses.png) and the checkpoint (stargan.ckpt), all atomically. Each interval's random draws
/// come from (seed, interval) alone, so a run resumed after a kill repeats what the uninterrupted run would have done.
/// </summary>
public sealed class StarGanTrainer : IDisposable
{
    readonly Device device;
    readonly Tensor faces;                  // float [-1,1] on the device
    readonly long[] labels;                 // class of each face
    readonly Tensor? classWeights;          // the discriminator's class-loss weights
    readonly long[] samples;                // fixed faces of the sample grid
    readonly StarGanNetworks networks;
    readonly TorchSharp.Modules.Adam generatorOptimizer, discriminatorOptimizer;
    readonly List<StarGanInterval> history = [];

    /// <summary>Starts a new run on the training split of <paramref name="dataset"/> (every class).</summary>
    public StarGanTrainer(FaceDataset dataset, StarGanOptions options, string outputDirectory, string? split = null)
    {
        options.Validate();
        if (options.Threads > 0) TorchRuntime.Ensure(options.Threads);
        Options = options;
        OutputDirectory = outputDirectory;
        device = TorchRuntime.Device(options.Device);
        ClassNames = dataset.ClassNames;
        Size = dataset.Height;
        if (dataset.Height != dataset.Width || Size % (1 << options.DiscriminatorLayers) != 0)
            throw new EmoAugException($"--size: faces must be square with a side divisible by {1 << options.DiscriminatorLayers} " +
                                      $"(2^--d-layers), got {dataset.Height}x{dataset.Width}");
        var train = TrainingSplit.Indices(dataset, split);
        var all = dataset.LabelArray();
        train = train.Where(i => all[i] >= 0).ToArray(); // unlabelled faces teach no class
        labels = train.Select(i => (long)all[i]).ToArray();
        var counts = new long[ClassNames.Count];
        foreach (var label in labels) counts[label]++;
        var missing = Enumerable.Range(0, counts.Length).Where(c => counts[c] == 0).Select(c => ClassNames[c]).ToList();
        if (missing.Count > 0)
            throw new EmoAugException($"--data: no training faces of {string.Join(", ", missing)}; a StarGAN learns every class of the data");
        ClassCounts = counts;
        if (options.BalanceClasses)
            classWeights = torch.tensor(counts.Select(n => (float)(labels.Length / (double)(counts.Length * n))).ToArray(), device: device);
        using (var index = torch.tensor(train.Select(i => (long)i).ToArray()))
        using (var bytes = dataset.Images.index_select(0, index))
        using (var scaled = GanImages.ToGan(bytes))
            faces = scaled.to(device).clone();

        // The grid's faces: one of each class in turn, as far as SampleCount goes.
        var pick = new Random(options.Seed);
        var byClass = Enumerable.Range(0, counts.Length)
            .Select(c => Enumerable.Range(0, labels.Length).Where(i => labels[i] == c).OrderBy(_ => pick.Next()).ToArray()).ToArray();
        samples = Enumerable.Range(0, options.SampleCount).Select(k => (long)byClass[k % counts.Length][k / counts.Length % byClass[k % counts.Length].Length]).ToArray();

        networks = new StarGanNetworks(options, ClassNames.Count, Size, device);
        generatorOptimizer = optim.Adam(networks.Generator.parameters(), options.LearningRate, options.Beta1, options.Beta2);
        discriminatorOptimizer = optim.Adam(networks.Discriminator.parameters(), options.LearningRate, options.Beta1, options.Beta2);
    }

    /// <summary>
    /// Continues the run whose checkpoint is in <paramref name="outputDirectory"/> with its saved options (only the
    /// thread count and device may change). The data must hold the same classes at the same size.
    /// </summary>
    public static StarGanTrainer Resume(FaceDataset dataset, string outputDirectory, int? threads = null, ComputeDevice? device = null,
        string? split = null)
    {
        var path = Path.Combine(outputDirectory, StarGanCheckpoint.FileName);
        if (!File.Exists(path)) throw new EmoAugException($"--resume: no checkpoint {path} to resume from");
        var header = StarGanCheckpoint.ReadHeader(path);
        if (dataset.Height != header.Size)
            throw new EmoAugException($"--resume: {path} was trained on {header.Size}x{header.Size} faces, the data are {dataset.Height}x{dataset.Width}");
        if (!dataset.ClassNames.SequenceEqual(header.ClassNames))
            throw new EmoAugException($"--resume: {path} was trained on the classes {string.Join(", ", header.ClassNames)}, the data have {string.Join(", ", dataset.ClassNames)}");
        var options = header.Options with { Threads = threads ?? header.Options.Threads, Device = device ?? header.Options.Device };
        var trainer = new StarGanTrainer(dataset, options, outputDirectory, split);
        StarGanCheckpoint.Load(path, trainer.networks, trainer.generatorOptimizer, trainer.discriminatorOptimizer);
        trainer.history.AddRange(header.History);
        trainer.CompletedIterations = header.CompletedIterations;
        return trainer;
    }

    public StarGanOptions Options { get; }
    public string OutputDirectory { get; }
    public IReadOnlyList<string> ClassNames { get; }
    public int Size { get; }
    public IReadOnlyList<long> ClassCounts { get; }
    public int TrainCount => labels.Length;
    public int CompletedIterations { get; private set; }
    public IReadOnlyList<StarGanInterval> History => history;
    public StarGanNetworks Networks => networks;
    public string CheckpointPath => Path.Combine(OutputDirectory, StarGanCheckpoint.FileName);

    /// <summary>
    /// Trains the remaining intervals (or at most <paramref name="maxIntervals"/> of them), checkpointing after each.
    /// Cancelling stops after the current iteration without writing a checkpoint (the last one stays valid).
    /// </summary>
    public void Train(Action<StarGanProgress>? progress = null, int? maxIntervals = null, CancellationToken cancel = default)
    {
        using var folderLock = RunFolderLock.Acquire(OutputDirectory);
        int done = 0;
        while (CompletedIterations < Options.Iterations && (maxIntervals is not int most || done++ < most))
        {
            cancel.ThrowIfCancellationRequested();
            RunInterval(CompletedIterations / Options.CheckpointEvery, progress, cancel);
        }
    }

    /// <summary>The seed of everything random in a 0-based interval.</summary>
    public static int IntervalSeed(int seed, int interval) => unchecked(seed * 1_000_003 + (interval + 1) * 7_919);

    void RunInterval(int interval, Action<StarGanProgress>? progress, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        var random = new Random(IntervalSeed(Options.Seed, interval));
        torch.manual_seed(IntervalSeed(Options.Seed, interval));
        int first = interval * Options.CheckpointEvery;
        int iterations = Math.Min(Options.CheckpointEvery, Options.Iterations - first), batch = Options.BatchSize;
        double lr = Options.LearningRate * Options.LearningRateFactor(first);
        foreach (var optimizer in new[] { generatorOptimizer, discriminatorOptimizer })
            foreach (var group in optimizer.ParamGroups) group.LearningRate = lr;
        var order = ShuffledPasses.Draw(random, labels.Length, iterations * batch);
        var sum = StarGanLosses.Zero;
        networks.Generator.train();
        networks.Discriminator.train();
        for (int it = 0; it < iterations; it++)
        {
            cancel.ThrowIfCancellationRequested();
            sum += Step(order.AsSpan(it * batch, batch), random);
            progress?.Invoke(new StarGanProgress(first + it + 1, Options.Iterations, sum.MeanOf(it + 1), false));
        }
        var mean = sum.MeanOf(iterations);
        CompletedIterations = first + iterations;
        history.Add(new StarGanInterval(interval + 1, CompletedIterations, mean, lr, iterations, clock.Elapsed.TotalSeconds));

        WriteSampleGrid(Path.Combine(OutputDirectory, "samples", $"iter_{CompletedIterations:D6}.png"));
        StarGanLossCurves.Write(OutputDirectory, history);
        SaveCheckpoint(CheckpointPath);
        NativeHeap.ReturnFreedMemory();
        progress?.Invoke(new StarGanProgress(CompletedIterations, Options.Iterations, mean, true));
    }

    /// <summary>One iteration on a batch drawn at random, outside the run's schedule and history (for benchmarks).</summary>
    public StarGanLosses TrainBatch(Random random)
    {
        var batch = Enumerable.Range(0, Options.BatchSize).Select(_ => (long)random.Next(labels.Length)).ToArray();
        return Step(batch, random);
    }

    /// <summary>One discriminator step and one generator step; returns its loss terms.</summary>
    StarGanLosses Step(ReadOnlySpan<long> batch, Random random)
    {
        using var scope = torch.NewDisposeScope();
        int classes = ClassNames.Count;
        var own = new long[batch.Length];
        var wanted = new long[batch.Length];
        for (int i = 0; i < batch.Length; i++)
        {
            own[i] = labels[batch[i]];
            wanted[i] = (own[i] + 1 + random.Next(classes - 1)) % classes; // any class but its own
        }
        using var index = torch.tensor(batch.ToArray(), device: device);
        var real = faces.index_select(0, index);
        var ownClass = torch.tensor(own, device: device);
        var target = torch.tensor(wanted, device: device);

        // The generator's translations, made once: detached for the discriminator, then judged again after its step.
        var (fake, mask) = networks.Generator.Translate(real, target);

        networks.DiscriminatorRequiresGrad(true);
        discriminatorOptimizer.zero_grad();
        var (realScores, realLogits) = networks.Discriminator.call(real);
        var (fakeScores, _) = networks.Discriminator.call(fake.detach());
        var dReal = GanLosses.Weighted(GanLosses.LeastSquares(realScores, real: true), 0.5);
        var dFake = GanLosses.Weighted(GanLosses.LeastSquares(fakeScores, real: false), 0.5);
        var dClass = GanLosses.Weighted(nn.functional.cross_entropy(realLogits, ownClass, classWeights), Options.LambdaClassification);
        (dReal + dFake + dClass).backward();
        discriminatorOptimizer.step();

        networks.DiscriminatorRequiresGrad(false);
        generatorOptimizer.zero_grad();
        var (scores, logits) = networks.Discriminator.call(fake);
        var adversarial = GanLosses.LeastSquares(scores, real: true);
        var classification = GanLosses.Weighted(nn.functional.cross_entropy(logits, target), Options.LambdaClassification);
        var back = networks.Generator.call(fake, ownClass);
        var reconstruction = GanLosses.Weighted(GanLosses.L1(back, real), Options.LambdaReconstruction);
        var total = adversarial + classification + reconstruction;
        var maskLoss = torch.zeros([], device: device);
        if (mask is not null)
        {
            maskLoss = GanLosses.Weighted(mask.mean(), Options.LambdaMask) + GanLosses.Weighted(TotalVariation(mask), Options.LambdaMaskSmooth);
            total = total + maskLoss;
        }
        total.backward();
        generatorOptimizer.step();

        using var noGrad = torch.no_grad();
        var accuracy = realLogits.argmax(1).eq(ownClass).to_type(ScalarType.Float32).mean();
        var all = torch.stack([adversarial, classification, reconstruction, maskLoss, dReal, dFake, dClass, accuracy])
            .to_type(ScalarType.Float64).cpu();
        var values = all.data<double>().ToArray();
        if (values.Any(v => !double.IsFinite(v)))
            throw new EmoAugException($"iteration {CompletedIterations + 1}: a loss is {string.Join(", ", values)}: training diverged " +
                                      "(try a smaller --lr); the last checkpoint is kept");
        // Stacked in the record's order, so the eight terms cross from the tensor library in one copy.
        return StarGanLosses.FromArray(values);
    }

    /// <summary>Sum of squared differences between neighbouring mask pixels, per image, averaged (GANimation's smoothness term).</summary>
    static Tensor TotalVariation(Tensor mask)
    {
        var dx = (mask[.., .., .., 1..] - mask[.., .., .., ..^1]).square().sum([1, 2, 3]);
        var dy = (mask[.., .., 1.., ..] - mask[.., .., ..^1, ..]).square().sum([1, 2, 3]);
        return (dx + dy).mean();
    }

    /// <summary>The fixed faces in the first row and their translations into each class, one row per class.</summary>
    public void WriteSampleGrid(string path)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        networks.Generator.eval();
        using var index = torch.tensor(samples, device: device);
        var real = faces.index_select(0, index);
        var rows = new List<Tensor> { GanImages.ToBytes(real).cpu() };
        for (int c = 0; c < ClassNames.Count; c++)
        {
            var target = torch.full([samples.Length], c, ScalarType.Int64, device: device);
            rows.Add(GanImages.ToBytes(networks.Generator.call(real, target)).cpu());
        }
        Reporting.FaceGrid.Write(path, rows);
        networks.Generator.train();
    }

    public void SaveCheckpoint(string path)
    {
        var header = new StarGanCheckpointHeader(StarGanCheckpoint.Version, Options, ClassNames, Size, CompletedIterations,
            history.ToList(), TrainCount, DateTime.UtcNow);
        StarGanCheckpoint.Save(path, header, networks, generatorOptimizer, discriminatorOptimizer);
    }

    public void Dispose()
    {
        networks.Dispose();
        generatorOptimizer.Dispose();
        discriminatorOptimizer.Dispose();
        faces.Dispose();
        classWeights?.Dispose();
    }
}
