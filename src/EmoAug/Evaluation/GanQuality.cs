using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace EmoAug.Evaluation;

/// <summary>Quality of one set of generated faces (see <see cref="GanQuality.Compute"/>).</summary>
/// <param name="GanTest">Share of generated faces the classifier labels as the target class.</param>
/// <param name="Kid">KID between the classifier's features of generated and real target-class faces.</param>
/// <param name="IdentityL1">Mean absolute pixel difference (0..1 scale) between each input face and its translation.</param>
/// <param name="SourceAsTarget">Floor for GAN-test: share of the untranslated source faces labelled as the target class.</param>
/// <param name="RealAsTarget">Ceiling for GAN-test: share of the real target-class faces the classifier labels as such
/// (its recall on them).</param>
/// <param name="GeneratedLabels">How the classifier labels the generated faces: share per class, in its class order
/// (GAN-test is the target's share). Where the others go says what the translations look like instead.</param>
public sealed record GanQualityReport(string TargetClass, int TargetIndex, int Generated, int RealTarget, double GanTest,
    KidResult Kid, double IdentityL1, double SourceAsTarget, double RealAsTarget,
    IReadOnlyDictionary<string, double> GeneratedLabels)
{
    public string ToJson() => JsonSerializer.Serialize(this, new JsonSerializerOptions { WriteIndented = true });
}

/// <summary>
/// The measures of generated faces, independent of any classifier format: the caller passes functions that map a
/// batch of uint8 faces [N,1,H,W] to the classifier's penultimate-layer features [N,d] and to its logits [N,classes]
/// (each does its own preprocessing).
/// </summary>
public static class GanQuality
{
    /// <param name="generated">Generated faces, uint8 [N,1,H,W].</param>
    /// <param name="sources">The faces they were translated from, same order and shape (identity preservation).</param>
    /// <param name="realTarget">Real faces of the target class (KID reference), uint8 [M,1,H,W].</param>
    /// <param name="classNames">The classifier's classes, in the order of its logits.</param>
    public static GanQualityReport Compute(Tensor generated, Tensor sources, Tensor realTarget, int targetIndex,
        IReadOnlyList<string> classNames, Func<Tensor, Tensor> features, Func<Tensor, Tensor> logits, int kidSubsets = 100,
        int kidSubsetSize = 1000, int seed = 0, int batchSize = 256)
    {
        if (!generated.shape.SequenceEqual(sources.shape))
            throw new ArgumentException("generated and source faces must have the same shape");
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        double ShareLabelledTarget(Tensor images) => ShareLabelled(images, targetIndex, logits, batchSize);
        var shares = LabelShares(generated, logits, batchSize);
        if (shares.Length != classNames.Count)
            throw new ArgumentException($"the classifier gives {shares.Length} logits for {classNames.Count} class names");
        var kid = KernelInceptionDistance.Compute(Batched(realTarget, batchSize, features),
            Batched(generated, batchSize, features), kidSubsets, kidSubsetSize, seed);
        double identity = IdentityL1(generated, sources);
        return new GanQualityReport(classNames[targetIndex], targetIndex, (int)generated.shape[0], (int)realTarget.shape[0],
            shares[targetIndex], kid, identity, ShareLabelledTarget(sources), ShareLabelledTarget(realTarget),
            classNames.Select((name, i) => (name, i)).ToDictionary(c => c.name, c => shares[c.i]));
    }

    /// <summary>Share of uint8 faces [N,1,H,W] whose arg-max class under <paramref name="logits"/> is the target
    /// (GAN-test on generated faces; its floor and ceiling on real source and target faces).</summary>
    public static double ShareLabelled(Tensor images, int targetIndex, Func<Tensor, Tensor> logits, int batchSize = 256) =>
        LabelShares(images, logits, batchSize)[targetIndex];

    /// <summary>Share of uint8 faces [N,1,H,W] given each class (arg-max of <paramref name="logits"/>), by class index.</summary>
    public static double[] LabelShares(Tensor images, Func<Tensor, Tensor> logits, int batchSize = 256)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var scores = Batched(images, batchSize, logits);
        var counts = new long[scores.shape[1]];
        foreach (var label in scores.argmax(1).data<long>()) counts[label]++;
        return counts.Select(c => c / (double)scores.shape[0]).ToArray();
    }

    /// <summary>Mean |input - translation| over all pixels, with pixels scaled to [0, 1].</summary>
    public static double IdentityL1(Tensor generated, Tensor sources)
    {
        using var scope = torch.NewDisposeScope();
        return (generated.to_type(ScalarType.Float64) - sources.to_type(ScalarType.Float64)).abs().mean().item<double>() / 255.0;
    }

    static Tensor Batched(Tensor images, int batchSize, Func<Tensor, Tensor> map)
    {
        var parts = new List<Tensor>();
        for (long start = 0; start < images.shape[0]; start += batchSize)
            parts.Add(map(images.narrow(0, start, Math.Min(batchSize, images.shape[0] - start))).cpu());
        return torch.cat(parts, 0);
    }
}
