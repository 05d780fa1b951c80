using EmoAug.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace EmoAug.Generators.StarGan;

/// <summary>
/// StarGAN's generator (Choi et al. 2018) for one-channel faces in [-1, 1]: the face and its target class, given as
/// one constant plane per class (one-hot), enter a 7x7 convolution (ngf), two stride-2 4x4 convolutions (ngf*2,
/// ngf*4), <c>blocks</c> residual blocks, two stride-2 4x4 transposed convolutions back to full size and a 7x7
/// convolution to one channel with tanh. Instance norm with learnt scale and shift (as the reference) after every
/// convolution but the last. The side must be a multiple of 4.
/// With <c>attention</c> (GANimation, Pumarola et al. 2018) a second 7x7 head paints a mask A in [0, 1] (sigmoid) and
/// the output is A * face + (1 - A) * colour: where A is 1 the input pixel is kept, so the generator changes only the
/// regions the expression needs and the identity stays.
/// </summary>
public sealed class StarGanGenerator : nn.Module<Tensor, Tensor, Tensor>
{
    readonly nn.Module<Tensor, Tensor> body, colour;
    readonly nn.Module<Tensor, Tensor>? mask;
    readonly IReadOnlyList<nn.Module<Tensor, Tensor>> bodyStages, colourStages;
    readonly IReadOnlyList<nn.Module<Tensor, Tensor>>? maskStages;
    readonly ComputePrecision precision;

    public StarGanGenerator(int classes, int ngf = 32, int blocks = 6, bool attention = false, ComputePrecision? precision = null)
        : base(nameof(StarGanGenerator))
    {
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), "a multi-domain generator needs at least 2 classes");
        if (ngf < 1) throw new ArgumentOutOfRangeException(nameof(ngf), "ngf must be at least 1");
        if (blocks < 0) throw new ArgumentOutOfRangeException(nameof(blocks), "blocks must be 0 or more");
        this.precision = precision ?? ComputePrecision.Float32;
        Classes = classes;
        var list = new List<nn.Module<Tensor, Tensor>>
        {
            nn.Conv2d(1 + classes, ngf, 7, padding: 3, bias: false), Norm(ngf), nn.ReLU(inplace: true),
        };
        long width = ngf;
        for (int i = 0; i < 2; i++, width *= 2)
            list.AddRange([nn.Conv2d(width, width * 2, 4, stride: 2, padding: 1, bias: false), Norm(width * 2), nn.ReLU(inplace: true)]);
        for (int i = 0; i < blocks; i++) list.Add(new ResidualBlock(width, this.precision));
        for (int i = 0; i < 2; i++, width /= 2)
            list.AddRange([nn.ConvTranspose2d(width, width / 2, 4, stride: 2, padding: 1, bias: false), Norm(width / 2), nn.ReLU(inplace: true)]);
        bodyStages = list;
        body = nn.Sequential(list);
        colourStages = [nn.Conv2d(ngf, 1, 7, padding: 3, bias: false), nn.Tanh()];
        colour = nn.Sequential(colourStages);
        if (attention)
        {
            maskStages = [nn.Conv2d(ngf, 1, 7, padding: 3, bias: false), nn.Sigmoid()];
            mask = nn.Sequential(maskStages);
        }
        RegisterComponents();
    }

    public int Classes { get; }
    public bool Attention => mask is not null;

    static nn.Module<Tensor, Tensor> Norm(long channels) => nn.InstanceNorm2d(channels, affine: true);

    /// <summary>The translations of <paramref name="faces"/> [N,1,H,W] into the classes <paramref name="targets"/> (int64 [N]).</summary>
    public override Tensor forward(Tensor faces, Tensor targets) => Translate(faces, targets).Output;

    /// <summary>The translations and, with attention, the masks [N,1,H,W] (null without).</summary>
    public (Tensor Output, Tensor? Mask) Translate(Tensor faces, Tensor targets)
    {
        using var scope = NewDisposeScope();
        var planes = nn.functional.one_hot(targets, Classes).to(faces.dtype)
            .reshape(faces.shape[0], Classes, 1, 1).expand(-1, -1, faces.shape[2], faces.shape[3]);
        var features = precision.Run(bodyStages, torch.cat([faces, planes], 1));
        var painted = precision.Run(colourStages, features);
        if (maskStages is null) return (painted.MoveToOuterDisposeScope(), null);
        var attention = precision.Run(maskStages, features);
        var output = attention * faces + (1 - attention) * painted;
        return (output.MoveToOuterDisposeScope(), attention.MoveToOuterDisposeScope());
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            body.Dispose();
            colour.Dispose();
            mask?.Dispose();
        }
        base.Dispose(disposing);
    }
}
