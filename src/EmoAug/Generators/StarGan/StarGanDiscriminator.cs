using EmoAug.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace EmoAug.Generators.StarGan;

/// <summary>
/// StarGAN's discriminator: a PatchGAN of <c>layers</c> stride-2 4x4 convolutions (ndf, doubling, LeakyReLU 0.01, no
/// normalisation, as the reference) with two heads on the last feature map: a 3x3 convolution giving one realness
/// score per patch (raw, for the least-squares loss), and a convolution as large as the map giving the class logits
/// (the auxiliary classifier, trained on real faces only). At 48 px and 4 layers the map is 3x3.
/// </summary>
public sealed class StarGanDiscriminator : nn.Module<Tensor, (Tensor Scores, Tensor Logits)>
{
    readonly nn.Module<Tensor, Tensor> trunk;
    readonly IReadOnlyList<nn.Module<Tensor, Tensor>> trunkStages;
    readonly TorchSharp.Modules.Conv2d source, classify;
    readonly ComputePrecision precision;

    public StarGanDiscriminator(int classes, int size, int ndf = 64, int layers = 4, ComputePrecision? precision = null)
        : base(nameof(StarGanDiscriminator))
    {
        if (ndf < 1) throw new ArgumentOutOfRangeException(nameof(ndf), "ndf must be at least 1");
        if (layers < 1 || size >> layers < 1 || size % (1 << layers) != 0)
            throw new ArgumentOutOfRangeException(nameof(layers), $"{layers} stride-2 layers do not divide a {size} px face evenly");
        this.precision = precision ?? ComputePrecision.Float32;
        var list = new List<nn.Module<Tensor, Tensor>>();
        long width = 1;
        for (int i = 0; i < layers; i++)
        {
            long next = ndf * Math.Min(1L << i, 8);
            list.Add(nn.Conv2d(width, next, 4, stride: 2, padding: 1));
            list.Add(nn.LeakyReLU(0.01, inplace: true));
            width = next;
        }
        trunkStages = list;
        trunk = nn.Sequential(list);
        MapSize = size >> layers;
        source = nn.Conv2d(width, 1, 3, padding: 1, bias: false);
        classify = nn.Conv2d(width, classes, MapSize, bias: false);
        RegisterComponents();
    }

    /// <summary>Side of the patch-score map.</summary>
    public int MapSize { get; }

    /// <summary>Patch scores [N,1,s,s] and class logits [N,classes], both float32.</summary>
    public override (Tensor Scores, Tensor Logits) forward(Tensor faces)
    {
        using var scope = NewDisposeScope();
        var features = precision.Run(trunkStages, faces);
        var scores = precision.ConvolveToFloat32(source, features);
        var logits = precision.ConvolveToFloat32(classify, features).flatten(1);
        return (scores.MoveToOuterDisposeScope(), logits.MoveToOuterDisposeScope());
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            trunk.Dispose();
            source.Dispose();
            classify.Dispose();
        }
        base.Dispose(disposing);
    }
}
