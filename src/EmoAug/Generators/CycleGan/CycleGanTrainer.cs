using EmoAug.Data;
using EmoAug.Generators;
using EmoAug.Runtime;
using EmoAug.Training;
using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace EmoAug.Generators.CycleGan;

/// <summary>
/// Trains a CycleGAN between two classes of a dataset's training split (class A = source, class B = target), as the
/// reference CycleGAN with least-squares losses. Each epoch pairs target and source faces at random (unpaired
/// translation: no face has a partner), takes one generator step and one discriminator step per batch, then writes
/// into the output folder a sample grid (samples/epoch_NNN.png), the loss curves (losses.csv, losses.png) and the
/// checkpoint (cyclegan.ckpt), all atomically. Every epoch's random draws come from (seed, epoch) alone, so a run
/// resumed from the checkpoint after a kill repeats exactly what the uninterrupted run would have done.
/// </summary>
public sealed class CycleGanTrainer : IDisposable
{
    readonly Device device;
    readonly Tensor dataA, dataB;          // float [-1,1] on the device
    readonly long[] samplesA, samplesB;     // fixed faces of the sample grid
    readonly CycleGanNetworks networks;
    readonly TorchSharp.Modules.Adam generatorOptimizer, discriminatorOptimizer;
    readonly ImagePool poolA, poolB;
    readonly List<CycleGanEpoch> history = [];
    readonly IReadOnlyList<string> classNames;
    readonly ClassifierGuide? guide;

    /// <summary>Starts a new run. Throws <see cref="EmoAugException"/> when a class is missing or the data has no training split.</summary>
    /// <param name="split">A split to train on (must be a training split); null = the training split(s).</param>
    public CycleGanTrainer(FaceDataset dataset, string fromClass, string toClass, CycleGanOptions options,
        string outputDirectory, string? split = null)
        : this(dataset, fromClass, toClass, options, outputDirectory, split, startWeights: true)
    {
    }

    /// <param name="startWeights">Load <see cref="CycleGanOptions.InitFrom"/>'s networks; a resume loads its own instead.</param>
    CycleGanTrainer(FaceDataset dataset, string fromClass, string toClass, CycleGanOptions options,
        string outputDirectory, string? split, bool startWeights)
    {
        options.Validate();
        if (options.Threads > 0) TorchRuntime.Ensure(options.Threads);
        Options = options;
        OutputDirectory = outputDirectory;
        device = TorchRuntime.Device(options.Device);
        classNames = dataset.ClassNames;
        int a = TrainingSplit.ClassIndex(dataset.ClassNames, fromClass, "--from"), b = TrainingSplit.ClassIndex(dataset.ClassNames, toClass, "--to");
        if (a == b) throw new EmoAugException($"--from {fromClass} --to {toClass}: the two classes must differ");
        FromClass = dataset.ClassNames[a];
        ToClass = dataset.ClassNames[b];
        Size = dataset.Height;
        if (dataset.Height != dataset.Width || Size % 4 != 0)
            throw new EmoAugException($"--size: faces must be square with a side divisible by 4 for the generator, got {dataset.Height}x{dataset.Width}");
        if (PatchDiscriminator.OutputSize(Size, options.DiscriminatorLayers) < 1)
            throw new EmoAugException($"--d-layers {options.DiscriminatorLayers}: too many for {Size}x{Size} faces (each halves them; at most " +
                $"{Enumerable.Range(1, 12).LastOrDefault(l => PatchDiscriminator.OutputSize(Size, l) >= 1)} at this size)");

        var train = TrainingSplit.Indices(dataset, split);
        var labels = dataset.LabelArray();
        var indicesA = train.Where(i => labels[i] == a).ToArray();
        var indicesB = train.Where(i => labels[i] == b).ToArray();
        if (indicesA.Length == 0) throw new EmoAugException($"--from {fromClass}: no training images of class '{FromClass}' in the data");
        if (indicesB.Length == 0) throw new EmoAugException($"--to {toClass}: no training images of class '{ToClass}' in the data");
        if (options.Guide is not null) guide = ClassifierGuide.Load(options.Guide, FromClass, ToClass, Size, options.Device);
        dataA = Load(dataset, indicesA);
        dataB = Load(dataset, indicesB);

        var pick = new Random(options.Seed);
        samplesA = Pick(pick, indicesA.Length, options.SampleCount);
        samplesB = Pick(pick, indicesB.Length, options.SampleCount);

        networks = new CycleGanNetworks(options, device);
        if (startWeights && options.InitFrom is { } init) LoadInitialWeights(init);
        generatorOptimizer = optim.Adam(networks.GeneratorParameters, options.LearningRate, options.Beta1, options.Beta2);
        discriminatorOptimizer = optim.Adam(networks.DiscriminatorParameters, options.LearningRate, options.Beta1, options.Beta2);
        poolA = new ImagePool(options.PoolSize);
        poolB = new ImagePool(options.PoolSize);
    }

    /// <summary>
    /// Continues the run whose checkpoint is in <paramref name="outputDirectory"/> with its saved options (only the
    /// thread count and device may change). The data must hold the same classes at the same size.
    /// </summary>
    public static CycleGanTrainer Resume(FaceDataset dataset, string outputDirectory, int? threads = null,
        ComputeDevice? device = null, string? split = null)
    {
        var path = Path.Combine(outputDirectory, CycleGanCheckpoint.FileName);
        if (!File.Exists(path)) throw new EmoAugException($"--resume: no checkpoint {path} to resume from");
        var header = CycleGanCheckpoint.ReadHeader(path);
        if (dataset.Height != header.Size)
            throw new EmoAugException($"--resume: {path} was trained on {header.Size}x{header.Size} faces, the data is {dataset.Height}x{dataset.Width}");
        var options = header.Options with { Threads = threads ?? header.Options.Threads, Device = device ?? header.Options.Device };
        var trainer = new CycleGanTrainer(dataset, header.FromClass, header.ToClass, options, outputDirectory, split, startWeights: false);
        var loaded = CycleGanCheckpoint.Load(path, trainer.networks, trainer.generatorOptimizer,
            trainer.discriminatorOptimizer, trainer.poolA, trainer.poolB);
        trainer.history.AddRange(loaded.History);
        trainer.CompletedEpochs = loaded.CompletedEpochs;
        return trainer;
    }

    /// <summary>Starts from another CycleGAN's four networks (<see cref="CycleGanOptions.InitFrom"/>), checked to be the same sizes.</summary>
    void LoadInitialWeights(string init)
    {
        var path = CycleGanCheckpoint.Resolve(init, "--init-from");
        var header = CycleGanCheckpoint.ReadHeader(path);
        var o = header.Options;
        if (header.Size != Size)
            throw new EmoAugException($"--init-from {init}: trained on {header.Size}x{header.Size} faces, the data are {Size}x{Size}");
        if ((o.Ngf, o.Ndf, o.Blocks, o.DiscriminatorLayers, o.ResidualGenerator)
            != (Options.Ngf, Options.Ndf, Options.Blocks, Options.DiscriminatorLayers, Options.ResidualGenerator))
            throw new EmoAugException($"--init-from {init}: its networks are --ngf {o.Ngf} --ndf {o.Ndf} --blocks {o.Blocks} --d-layers {o.DiscriminatorLayers}" +
                (o.ResidualGenerator ? " --residual" : "") + "; give this run the same");
        CycleGanCheckpoint.Load(path, networks);
    }

    public CycleGanOptions Options { get; }
    public string OutputDirectory { get; }
    public string FromClass { get; }
    public string ToClass { get; }
    public int Size { get; }
    public int CompletedEpochs { get; private set; }
    public IReadOnlyList<CycleGanEpoch> History => history;
    public CycleGanNetworks Networks => networks;
    public int CountA => (int)dataA.shape[0];
    public int CountB => (int)dataB.shape[0];

    public string CheckpointPath => Path.Combine(OutputDirectory, CycleGanCheckpoint.FileName);

    /// <summary>Iterations of one epoch (see <see cref="CycleGanOptions.EpochSize"/>).</summary>
    public int IterationsPerEpoch => Math.Max(1, PairsPerEpoch / Options.BatchSize);

    int PairsPerEpoch => Options.EpochSize == "max" ? Math.Max(CountA, CountB) : CountB;

    /// <summary>
    /// Trains the remaining epochs (or at most <paramref name="maxEpochs"/> of them), checkpointing after each.
    /// Cancelling stops after the current iteration without writing a checkpoint (the last one stays valid).
    /// </summary>
    public void Train(Action<CycleGanProgress>? progress = null, int? maxEpochs = null, CancellationToken cancel = default)
    {
        using var folderLock = RunFolderLock.Acquire(OutputDirectory);
        int stop = maxEpochs is int most ? Math.Min(Options.TotalEpochs, CompletedEpochs + most) : Options.TotalEpochs;
        while (CompletedEpochs < stop)
        {
            cancel.ThrowIfCancellationRequested();
            RunEpoch(CompletedEpochs, progress, cancel);
        }
    }

    /// <summary>The seed of everything random in a 0-based epoch: a fixed mix of the run's seed and the epoch.</summary>
    public static int EpochSeed(int seed, int epoch) => unchecked(seed * 1_000_003 + (epoch + 1) * 7_919);

    void RunEpoch(int epoch, Action<CycleGanProgress>? progress, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        var random = new Random(EpochSeed(Options.Seed, epoch));
        torch.manual_seed(EpochSeed(Options.Seed, epoch));
        double lr = Options.LearningRate * Options.LearningRateFactor(epoch);
        foreach (var optimizer in new[] { generatorOptimizer, discriminatorOptimizer })
            foreach (var group in optimizer.ParamGroups) group.LearningRate = lr;

        int iterations = IterationsPerEpoch, batch = Options.BatchSize;
        var orderA = ShuffledPasses.Draw(random, CountA, iterations * batch);
        var orderB = ShuffledPasses.Draw(random, CountB, iterations * batch);
        var sum = CycleGanLosses.Zero;
        foreach (var module in networks.All) module.train();
        for (int it = 0; it < iterations; it++)
        {
            cancel.ThrowIfCancellationRequested();
            sum += Step(orderA.AsSpan(it * batch, batch), orderB.AsSpan(it * batch, batch), random);
            progress?.Invoke(new CycleGanProgress(epoch + 1, Options.TotalEpochs, it + 1, iterations, sum.MeanOf(it + 1), false));
        }
        var mean = sum.MeanOf(iterations);
        history.Add(new CycleGanEpoch(epoch + 1, mean, lr, iterations, clock.Elapsed.TotalSeconds));
        CompletedEpochs = epoch + 1;

        WriteSampleGrid(Path.Combine(OutputDirectory, "samples", $"epoch_{epoch + 1:D3}.png"));
        CycleGanLossCurves.WriteCsv(Path.Combine(OutputDirectory, "losses.csv"), history);
        CycleGanLossCurves.WritePng(Path.Combine(OutputDirectory, "losses.png"), history);
        SaveCheckpoint(CheckpointPath);
        NativeHeap.ReturnFreedMemory(); // freed activations stay resident in glibc's heap until trimmed
        progress?.Invoke(new CycleGanProgress(epoch + 1, Options.TotalEpochs, iterations, iterations, mean, true));
    }

    /// <summary>One generator step and one discriminator step on a batch; returns its loss terms.</summary>
    CycleGanLosses Step(ReadOnlySpan<long> batchA, ReadOnlySpan<long> batchB, Random random)
    {
        using var scope = torch.NewDisposeScope();
        using var indexA = torch.tensor(batchA.ToArray(), device: device);
        using var indexB = torch.tensor(batchB.ToArray(), device: device);
        var realA = dataA.index_select(0, indexA);
        var realB = dataB.index_select(0, indexB);
        double lambda = Options.LambdaCycle, identity = Options.IdentityWeight * Options.LambdaCycle;
        Tensor Seen(Tensor faces) => Options.DiffAugment ? DiffAugment.Apply(faces, random) : faces;

        // Generators: fool both discriminators, come back on a round trip, and (identity) leave target faces alone.
        networks.DiscriminatorsRequireGrad(false);
        generatorOptimizer.zero_grad();
        var fakeB = networks.GeneratorAB.call(realA);
        var fakeA = networks.GeneratorBA.call(realB);
        var advAB = GanLosses.LeastSquares(networks.DiscriminatorB.call(Seen(fakeB)), real: true);
        var advBA = GanLosses.LeastSquares(networks.DiscriminatorA.call(Seen(fakeA)), real: true);
        var cycleA = GanLosses.Weighted(GanLosses.L1(networks.GeneratorBA.call(fakeB), realA), lambda);
        var cycleB = GanLosses.Weighted(GanLosses.L1(networks.GeneratorAB.call(fakeA), realB), lambda);
        var total = advAB + advBA + cycleA + cycleB;
        Tensor identityA, identityB;
        if (identity > 0)
        {
            identityA = GanLosses.Weighted(GanLosses.L1(networks.GeneratorBA.call(realA), realA), identity);
            identityB = GanLosses.Weighted(GanLosses.L1(networks.GeneratorAB.call(realB), realB), identity);
            total = total + identityA + identityB;
        }
        else
        {
            identityA = torch.zeros(1, device: device);
            identityB = torch.zeros(1, device: device);
        }
        var guideAB = torch.zeros(1, device: device);
        var guideBA = torch.zeros(1, device: device);
        if (guide is not null)
        {
            Tensor Judged(Tensor faces) => Options.GuideAugment ? GuideAugment.Apply(faces, random) : faces;
            guideAB = GanLosses.Weighted(guide.Loss(Judged(fakeB), towardTarget: true), Options.GuideWeight);
            guideBA = GanLosses.Weighted(guide.Loss(Judged(fakeA), towardTarget: false), Options.GuideWeight);
            total = total + guideAB + guideBA;
        }
        total.backward();
        generatorOptimizer.step();

        // Discriminators: real faces -> 1, generated ones (partly from the pool of older fakes) -> 0.
        networks.DiscriminatorsRequireGrad(true);
        discriminatorOptimizer.zero_grad();
        var pooledB = poolB.Query(fakeB, random);
        var pooledA = poolA.Query(fakeA, random);
        var lossDB = GanLosses.Discriminator(networks.DiscriminatorB.call(Seen(realB)), networks.DiscriminatorB.call(Seen(pooledB)));
        var lossDA = GanLosses.Discriminator(networks.DiscriminatorA.call(Seen(realA)), networks.DiscriminatorA.call(Seen(pooledA)));
        (lossDA + lossDB).backward();
        discriminatorOptimizer.step();

        using var noGrad = torch.no_grad();
        var all = torch.stack([advAB, advBA, cycleA, cycleB, identityA.reshape([]), identityB.reshape([]), lossDA, lossDB,
                guideAB.reshape([]), guideBA.reshape([])])
            .to_type(ScalarType.Float64).cpu();
        var values = all.data<double>().ToArray();
        if (values.Any(v => !double.IsFinite(v)))
            throw new EmoAugException($"epoch {CompletedEpochs + 1}: a loss is not a number ({string.Join(", ", values)}): training diverged " +
                                      "(try a smaller --lr); the last checkpoint is kept");
        // Stacked in the record's order, so the ten terms cross from the tensor library in one copy.
        return CycleGanLosses.FromArray(values);
    }

    /// <summary>Translates and reconstructs the fixed sample faces both ways and writes them as one PNG.</summary>
    public void WriteSampleGrid(string path)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        foreach (var module in networks.All) module.eval();
        using var ia = torch.tensor(samplesA, device: device);
        using var ib = torch.tensor(samplesB, device: device);
        var realA = dataA.index_select(0, ia);
        var realB = dataB.index_select(0, ib);
        var fakeB = networks.GeneratorAB.call(realA);
        var fakeA = networks.GeneratorBA.call(realB);
        var rows = new[] { realA, fakeB, networks.GeneratorBA.call(fakeB), realB, fakeA, networks.GeneratorAB.call(fakeA) }
            .Select(t => GanImages.ToBytes(t).cpu()).ToList();
        // Both halves need the same number of columns: pad the shorter one with its first face.
        int k = rows.Max(r => (int)r.shape[0]);
        rows = rows.Select(r => r.shape[0] == k ? r : torch.cat([r, r[..1].expand(k - r.shape[0], -1, -1, -1)], 0)).ToList();
        Reporting.FaceGrid.Write(path, rows);
        foreach (var module in networks.All) module.train();
    }

    public void SaveCheckpoint(string path)
    {
        var header = new CycleGanCheckpointHeader(CycleGanCheckpoint.Version, Options, FromClass, ToClass, classNames, Size,
            CompletedEpochs, history.ToList(), DateTime.UtcNow);
        CycleGanCheckpoint.Save(path, header, networks, generatorOptimizer, discriminatorOptimizer, poolA, poolB);
    }

    Tensor Load(FaceDataset dataset, int[] indices)
    {
        using var index = torch.tensor(indices.Select(i => (long)i).ToArray());
        using var bytes = dataset.Images.index_select(0, index);
        using var scaled = GanImages.ToGan(bytes);
        return scaled.to(device).clone();
    }

    static long[] Pick(Random random, int count, int wanted)
    {
        var order = Enumerable.Range(0, count).Select(i => (long)i).ToArray();
        random.Shuffle(order);
        return order.Take(Math.Min(wanted, count)).ToArray();
    }

    public void Dispose()
    {
        networks.Dispose();
        generatorOptimizer.Dispose();
        discriminatorOptimizer.Dispose();
        poolA.Dispose();
        poolB.Dispose();
        dataA.Dispose();
        dataB.Dispose();
        guide?.Dispose();
    }
}
