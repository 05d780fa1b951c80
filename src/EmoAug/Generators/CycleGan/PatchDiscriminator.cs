using EmoAug.Generators;
using EmoAug.Models;
using EmoAug.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace EmoAug.Generators.CycleGan;

/// <summary>
/// The reference PatchGAN discriminator: 4x4 conv (ndf, stride 2) + LeakyReLU 0.2, then <paramref name="layers"/>-1
/// more stride-2 4x4 convs doubling the width (at most ndf*8) with instance norm and LeakyReLU, one stride-1 4x4 conv
/// likewise, and a stride-1 4x4 conv to one channel with NO normalisation or activation (least-squares loss wants
/// raw scores). With 3 layers (the reference's 70x70 PatchGAN) a 48x48 face gives a 4x4 map of patch scores.
/// The convolutions run in <c>precision</c> (float32 when null); the scores are float32.
/// </summary>
public sealed class PatchDiscriminator : nn.Module<Tensor, Tensor>
{
    readonly nn.Module<Tensor, Tensor> net;
    readonly ComputePrecision precision;

    public PatchDiscriminator(int ndf = 64, int layers = 3, int channels = 1, ComputePrecision? precision = null)
        : base(nameof(PatchDiscriminator))
    {
        this.precision = precision ?? ComputePrecision.Float32;
        if (ndf < 1) throw new ArgumentOutOfRangeException(nameof(ndf), "ndf must be at least 1");
        if (layers < 1) throw new ArgumentOutOfRangeException(nameof(layers), "layers must be at least 1");
        Ndf = ndf;
        Layers = layers;
        var list = new List<nn.Module<Tensor, Tensor>>
        {
            nn.Conv2d(channels, ndf, 4, stride: 2, padding: 1, bias: true), nn.LeakyReLU(0.2, inplace: true),
        };
        long width = ndf;
        for (int i = 1; i <= layers; i++)
        {
            long next = ndf * Math.Min(1 << i, 8);
            // The last of these keeps the size (stride 1), as in the reference.
            list.Add(nn.Conv2d(width, next, 4, stride: i < layers ? 2 : 1, padding: 1, bias: true));
            list.Add(nn.InstanceNorm2d(next));
            list.Add(nn.LeakyReLU(0.2, inplace: true));
            width = next;
        }
        list.Add(nn.Conv2d(width, 1, 4, stride: 1, padding: 1, bias: true));
        Stages = list;
        net = nn.Sequential(list);
        RegisterComponents();
        GanInit.Apply(this);
    }

    public int Ndf { get; }
    public int Layers { get; }

    /// <summary>Side of the patch map for a square input of side <paramref name="size"/>.</summary>
    public int OutputSize(int size) => OutputSize(size, Layers);

    /// <summary>Side of the patch map of <paramref name="layers"/> stride-2 layers for a square input; below 1 the
    /// input is too small for them.</summary>
    public static int OutputSize(int size, int layers)
    {
        for (int i = 0; i < layers; i++) size = (size + 2 - 4) / 2 + 1;
        return size - 2; // two stride-1 4x4 convs with padding 1 each take one pixel off
    }

    /// <summary>The layers in the order the input passes them.</summary>
    public IReadOnlyList<nn.Module<Tensor, Tensor>> Stages { get; }

    public override Tensor forward(Tensor input) => precision.Run(Stages, input);

    protected override void Dispose(bool disposing)
    {
        if (disposing) net.Dispose();
        base.Dispose(disposing);
    }
}
