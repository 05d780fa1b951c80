using System.Diagnostics;
using EmoAug.Data;
using EmoAug.Evaluation;
using EmoAug.Models;
using EmoAug.Reporting;
using EmoAug.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EmoAug.Training;

/// <summary>
/// Trains an emotion classifier on a dataset's training split and selects it on the validation split. Writes into
/// the output folder, after every epoch: last.ckpt (weights + optimizer state, for --resume), best.ckpt (the best
/// epoch so far), metrics.csv, metrics.json and learning-curves.png.
/// </summary>
public sealed class ClassifierTrainer(ClassifierOptions options, Action<TrainingProgress>? progress = null)
{
    public const string LastFile = "last.ckpt";
    public const string BestFile = "best.ckpt";

    public ClassifierOptions Options { get; } = options;

    /// <summary>
    /// Trains (or, with <paramref name="resume"/>, continues the run in <paramref name="outDir"/> from its last completed
    /// epoch). Cancelling stops before the next batch; the last completed epoch stays on disk, ready to resume.
    /// </summary>
    public TrainingResult Train(FaceDataset data, string outDir, string dataName = "", bool resume = false,
        CancellationToken cancel = default)
    {
        var o = Options;
        o.Validate();
        TorchRuntime.Ensure(o.Threads);
        var device = TorchRuntime.Device(o.Device);
        var lastPath = Path.Combine(outDir, LastFile);
        var bestPath = Path.Combine(outDir, BestFile);
        CheckpointHeader? previous = null;
        ClassifierCheckpoint? checkpoint = null;
        if (File.Exists(lastPath))
        {
            if (!resume) throw new EmoAugException($"{outDir}: already holds a training run; pass --resume to continue it or choose another --out");
            checkpoint = ClassifierCheckpoint.Read(lastPath);
            previous = checkpoint.Header;
            if (!previous.Training.SameTrainingAs(o))
                throw new EmoAugException($"{lastPath}: was trained with other options; resume with the same options or choose another --out");
            if (!previous.ClassNames.SequenceEqual(data.ClassNames) || previous.Size != data.Height)
                throw new EmoAugException($"{lastPath}: was trained on other classes or image size than {dataName}");
        }
        if (data.Height != data.Width) throw new EmoAugException($"{dataName}: images must be square, got {data.Height}x{data.Width}");

        var split = TrainValidationSplit.Of(data, o.ValidationFraction, o.Seed);
        using var trainIndex = tensor(split.Train.Select(i => (long)i).ToArray());
        using var validationIndex = tensor(split.Validation.Select(i => (long)i).ToArray());
        using var trainImages = data.Images.index_select(0, trainIndex);
        using var trainLabels = data.Labels.index_select(0, trainIndex);
        using var validationImages = data.Images.index_select(0, validationIndex);
        var allLabels = data.LabelArray();
        var validationLabels = split.Validation.Select(i => allLabels[i]).ToArray();
        var trainLabelArray = trainLabels.data<long>().ToArray();
        var trainedClasses = trainLabelArray.Where(l => l >= 0).Distinct().ToList();
        if (trainedClasses.Count < 2)
            throw new EmoAugException($"{(dataName.Length > 0 ? dataName : "the data")}: the training faces are of " +
                (trainedClasses.Count == 0 ? "no class" : $"one class only ({data.ClassNames[(int)trainedClasses[0]]})") +
                "; a classifier needs faces of at least two");
        var normalisation = previous?.Normalisation ?? InputNormalisation.Of(trainImages);
        var modelOptions = o.ModelOptions ?? new ModelOptions();
        int classes = data.ClassNames.Count;

        manual_seed(o.Seed);
        using var model = ClassifierModels.Create(o.Model, classes, data.Height, modelOptions);
        if (checkpoint != null) checkpoint.LoadWeights(model);
        else if (o.InitFrom != null) PretrainedWeights.LoadInto(model, o.InitFrom, o, data);
        model.to(device);
        using var optimizer = CreateOptimizer(model, o);
        if (checkpoint != null) checkpoint.LoadOptimizer(optimizer);
        using var classWeights = o.ClassWeights ? ClassWeights(trainLabelArray, classes).to(device) : null;
        var sampleWeights = o.Oversample ? OversamplingWeights(trainLabelArray, classes) : null;

        using var folderLock = RunFolderLock.Acquire(outDir);
        var header = previous ?? new CheckpointHeader(ClassifierCheckpoint.FormatVersion, o.Model,
            modelOptions, data.ClassNames.ToList(), data.Height, normalisation, o, dataName + " (" + data.Format + ")",
            split.Train.Length, split.Validation.Length, 0, [], 0, double.NegativeInfinity, 0, false);
        header = header with { Training = o };

        NativeHeap.ReturnFreedMemory(); // what loading and copying the data left behind
        for (int epoch = header.Epoch; epoch < o.Epochs && !header.Finished; epoch++)
        {
            cancel.ThrowIfCancellationRequested();
            var metrics = RunEpoch(model, optimizer, epoch, trainImages, trainLabels, trainLabelArray.Length, sampleWeights,
                classWeights, normalisation, device, cancel);
            metrics = Validate(model, metrics, validationImages, validationLabels, data.ClassNames, normalisation, device);
            var history = header.History.Append(metrics).ToList();
            double score = metrics.Score(o.SelectBy);
            bool improved = score > header.BestScore;
            int stale = improved ? 0 : header.EpochsWithoutImprovement + 1;
            bool finished = epoch + 1 == o.Epochs || (o.Patience > 0 && stale >= o.Patience);
            header = header with
            {
                Epoch = epoch + 1, History = history, EpochsWithoutImprovement = stale, Finished = finished,
                BestEpoch = improved ? epoch + 1 : header.BestEpoch, BestScore = improved ? score : header.BestScore,
            };
            // Best first, then last: a kill in between redoes this epoch on resume and rewrites the same best.
            if (improved) ClassifierCheckpoint.Write(bestPath, header, model, null);
            ClassifierCheckpoint.Write(lastPath, header, model, optimizer);
            TrainingHistoryFiles.Write(outDir, history);
            LearningCurvePlot.Save(Path.Combine(outDir, "learning-curves.png"), history, o.SelectBy);
            NativeHeap.ReturnFreedMemory(); // what scoring and writing the checkpoint left behind
            progress?.Invoke(new TrainingProgress(epoch + 1, o.Epochs, 0, 0, metrics.TrainLoss, metrics.TrainAccuracy, metrics));
        }
        if (!header.Finished)
        {
            // Asked for no more epochs than were already done: mark the run finished.
            header = header with { Finished = true };
            ClassifierCheckpoint.Write(lastPath, header, model, optimizer);
        }
        return new TrainingResult(bestPath, lastPath, header);
    }

    const int TrimEveryBatches = 100;

    EpochMetrics RunEpoch(ClassifierModel model, OptimizerHelper optimizer, int epoch, Tensor images, Tensor labels,
        int count, double[]? sampleWeights, Tensor? classWeights, InputNormalisation normalisation, Device device,
        CancellationToken cancel)
    {
        var o = Options;
        double lr = o.LearningRateAt(epoch);
        foreach (var group in optimizer.ParamGroups) group.LearningRate = lr;
        long seed = EpochSeeds.For(o.Seed, epoch);
        manual_seed(seed);
        var random = new Random((int)seed);
        int drawn = o.EpochImages ?? count;
        var order = sampleWeights == null ? Permutation(count, drawn, random) : WeightedDraws(sampleWeights, drawn, random);
        using var orderTensor = tensor(order);
        var augmentation = o.Augmentation ?? new ClassicAugmentation();
        int batches = (drawn + o.BatchSize - 1) / o.BatchSize;
        double lossSum = 0;
        long correct = 0;
        model.train();
        var clock = Stopwatch.StartNew();
        for (int b = 0; b < batches; b++)
        {
            cancel.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            int start = b * o.BatchSize, n = Math.Min(o.BatchSize, drawn - start);
            var index = orderTensor.narrow(0, start, n);
            var x = images.index_select(0, index).to(ScalarType.Float32);
            if (o.Augment) x = BatchAugmenter.Apply(x, augmentation);
            x = normalisation.Apply(x).to(device);
            var y = labels.index_select(0, index).to(device);
            var logits = model.forward(x);
            var loss = nn.functional.cross_entropy(logits, y, classWeights);
            float value = loss.item<float>();
            // A loss that is no longer a number ruins every later step: stop before it reaches the weights or a checkpoint.
            if (!float.IsFinite(value))
                throw new EmoAugException($"epoch {epoch + 1}, batch {b + 1}: the training loss is {value}; training diverged " +
                                          "(try a smaller --lr); nothing of this epoch was saved");
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
            lossSum += value * n;
            correct += logits.argmax(1).eq(y).sum().item<long>();
            // Freed activations stay resident in glibc's heap until trimmed (1.7 GB of 2.6 in a FER2013 run):
            // every 100 batches (about half a minute) costs a few page faults and keeps the heap near what is live.
            if ((b + 1) % TrimEveryBatches == 0) NativeHeap.ReturnFreedMemory();
            int seen = start + n;
            progress?.Invoke(new TrainingProgress(epoch + 1, o.Epochs, b + 1, batches, lossSum / seen, (double)correct / seen));
        }
        double seconds = clock.Elapsed.TotalSeconds;
        return new EpochMetrics(epoch + 1, lr, lossSum / count, (double)correct / count, 0, 0, 0, 0, seconds,
            count / Math.Max(seconds, 1e-9));
    }

    EpochMetrics Validate(ClassifierModel model, EpochMetrics metrics, Tensor images, long[] labels,
        IReadOnlyList<string> classNames, InputNormalisation normalisation, Device device)
    {
        using var scope = NewDisposeScope();
        var logits = ModelScoring.Logits(model, images, normalisation, device, Options.EvalBatchSize);
        var truth = tensor(labels);
        double loss = nn.functional.cross_entropy(logits, truth).item<float>();
        var predicted = logits.argmax(1).data<long>().ToArray();
        var m = ClassificationMetrics.FromPredictions(labels, predicted, classNames);
        return metrics with
        {
            ValidationLoss = loss, ValidationAccuracy = m.Accuracy, ValidationBalancedAccuracy = m.BalancedAccuracy,
            ValidationMacroF1 = m.MacroF1,
        };
    }

    static OptimizerHelper CreateOptimizer(ClassifierModel model, ClassifierOptions o) => o.Optimizer switch
    {
        ClassifierOptimizer.Sgd => optim.SGD(model.parameters(), o.LearningRate, momentum: 0.9, weight_decay: o.WeightDecay),
        _ => optim.Adam(model.parameters(), o.LearningRate, weight_decay: o.WeightDecay),
    };

    /// <summary>Loss weight of class c: N / (classes present x count of c); 0 for classes without training images.</summary>
    static Tensor ClassWeights(long[] labels, int classes)
    {
        var counts = new double[classes];
        foreach (var l in labels) counts[l]++;
        int present = counts.Count(c => c > 0);
        return tensor(counts.Select(c => c == 0 ? 0f : (float)(labels.Length / (present * c))).ToArray());
    }

    /// <summary>Per-image draw weight 1 / count(class): every class is drawn equally often.</summary>
    static double[] OversamplingWeights(long[] labels, int classes)
    {
        var counts = new double[classes];
        foreach (var l in labels) counts[l]++;
        return labels.Select(l => 1 / counts[l]).ToArray();
    }

    /// <summary><paramref name="drawn"/> image indices: shuffles of all <paramref name="count"/> one after another, the
    /// last cut short (one whole shuffle when they are equal).</summary>
    static long[] Permutation(int count, int drawn, Random random)
    {
        var order = new long[drawn];
        for (int at = 0; at < drawn; at += count)
        {
            var pass = new long[count];
            for (int i = 0; i < count; i++) pass[i] = i;
            random.Shuffle(pass);
            Array.Copy(pass, 0, order, at, Math.Min(count, drawn - at));
        }
        return order;
    }

    /// <summary><paramref name="drawn"/> draws with replacement, each image with probability ~ its weight.</summary>
    static long[] WeightedDraws(double[] weights, int drawn, Random random)
    {
        var cumulative = new double[weights.Length];
        double total = 0;
        for (int i = 0; i < weights.Length; i++) cumulative[i] = total += weights[i];
        var draws = new long[drawn];
        for (int d = 0; d < draws.Length; d++)
        {
            int at = Array.BinarySearch(cumulative, random.NextDouble() * total);
            draws[d] = Math.Min(at < 0 ? ~at : at, weights.Length - 1);
        }
        return draws;
    }
}
