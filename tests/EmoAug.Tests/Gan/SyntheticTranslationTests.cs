using EmoAug.Data;
using EmoAug.Generators;
using EmoAug.Generators.CycleGan;
using EmoAug.Models;
using EmoAug.Runtime;
using EmoAug.Training;
using TorchSharp;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace EmoAug.Tests.Gan;

public class SyntheticTranslationTests(ITestOutputHelper output)
{
    [Fact]
    public void ShortTrainingTurnsNeutralFacesTowardDisgust()
    {
        TorchRuntime.Ensure();
        using var data = SyntheticFaces.Generate(new SyntheticOptions(Seed: 11, Size: 32, TrainCount: 2000, ValCount: 10, TestCount: 10));
        using var train = data.WhereSplit("train");
        var labels = train.LabelArray();
        var neutral = Enumerable.Range(0, train.Count).Where(i => labels[i] == EmotionVocabulary.Neutral).ToArray();
        var disgust = Enumerable.Range(0, train.Count).Where(i => labels[i] == EmotionVocabulary.Disgust).ToArray();
        using var neutralFaces = Faces(train, neutral);
        using var disgustFaces = Faces(train, disgust);
        // The judge: a logistic regression on pixels (disgust vs neutral), fitted on the real training faces of the two
        // classes with both classes weighted equally. The faces vary in pose and identity, so a pixel centroid is not enough.
        using var judge = FitJudge(neutralFaces, disgustFaces);
        double DisgustShare(Tensor faces)
        {
            using var scope = NewDisposeScope();
            var logits = faces.flatten(1).matmul(judge.Weights) + judge.Bias;
            return logits.gt(0).to_type(ScalarType.Float64).mean().item<double>();
        }
        Assert.True(DisgustShare(disgustFaces) > 0.8, "the judge must recognise real disgust faces");
        Assert.True(DisgustShare(neutralFaces) < 0.2, "the judge must recognise real neutral faces");

        using var folder = new TempFolder();
        // Small faces and nets, one thread: the suite runs test classes in parallel on a 2-core machine.
        var options = new CycleGanOptions(Epochs: 1, DecayEpochs: 1, Ngf: 8, Blocks: 2, Ndf: 8, BatchSize: 4,
            EpochSize: "max", SampleCount: 4, Seed: 1, Threads: 1);
        using var trainer = new CycleGanTrainer(data, "neutral", "disgust", options, folder.Path);
        double before = DisgustShare(Translate(trainer, neutralFaces));
        trainer.Train();
        double after = DisgustShare(Translate(trainer, neutralFaces));
        double real = DisgustShare(neutralFaces);
        output.WriteLine($"disgust share: real neutral {real:P0}, translated before training {before:P0}, after {after:P0}; " +
                         $"{trainer.History.Sum(e => e.Iterations)} iterations, {trainer.History.Sum(e => e.Seconds):F1} s");
        Assert.True(after >= 0.5, $"after training only {after:P0} of translated neutral faces look like disgust");
        Assert.True(after >= Math.Max(before, real) + 0.3, $"before {before:P0}, real {real:P0}, after {after:P0}");
    }

    sealed record Judge(Tensor Weights, Tensor Bias) : IDisposable
    {
        public void Dispose() { Weights.Dispose(); Bias.Dispose(); }
    }

    static Judge FitJudge(Tensor neutral, Tensor disgust)
    {
        manual_seed(0);
        var x = cat([neutral.flatten(1), disgust.flatten(1)], 0);
        var y = cat([zeros(neutral.shape[0]), ones(disgust.shape[0])], 0);
        var weight = cat([full(neutral.shape[0], 0.5 / neutral.shape[0]), full(disgust.shape[0], 0.5 / disgust.shape[0])], 0);
        var w = new TorchSharp.Modules.Parameter(zeros(x.shape[1]));
        var b = new TorchSharp.Modules.Parameter(zeros(1));
        var optimizer = optim.Adam([w, b], 0.01);
        for (int step = 0; step < 300; step++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var loss = (nn.functional.binary_cross_entropy_with_logits(x.matmul(w) + b, y, reduction: nn.Reduction.None) * weight).sum()
                       + 1e-3 * w.square().sum();
            loss.backward();
            optimizer.step();
        }
        x.Dispose(); y.Dispose(); weight.Dispose();
        return new Judge(w.detach(), b.detach());
    }

    static Tensor Faces(FaceDataset dataset, int[] indices)
    {
        using var index = tensor(indices.Select(i => (long)i).ToArray());
        using var bytes = dataset.Images.index_select(0, index);
        return bytes.to_type(ScalarType.Float32) / 255;
    }

    static Tensor Translate(CycleGanTrainer trainer, Tensor faces01)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        trainer.Networks.GeneratorAB.eval();
        var output = trainer.Networks.GeneratorAB.call(faces01 * 2 - 1);
        trainer.Networks.GeneratorAB.train();
        return ((output + 1) / 2).MoveToOuterDisposeScope();
    }
}
