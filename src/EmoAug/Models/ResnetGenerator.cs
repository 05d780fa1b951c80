using TorchSharp;
using static TorchSharp.torch;

namespace EmoAug.Models;

/// <summary>
/// The reference CycleGAN's ResNet generator for one-channel faces in [-1, 1]: reflection pad + 7x7 conv (ngf),
/// two stride-2 3x3 convs (ngf*2, ngf*4), <paramref name="blocks"/> residual blocks, two stride-2 transposed convs
/// back to full size, reflection pad + 7x7 conv to one channel, tanh. Instance norm after every conv but the last;
/// nothing but tanh on the output (normalising the output layer gave "pixelated, mostly black" faces in the
/// paper's reproduction). The input side must be a multiple of 4 (48 and 64 are).
/// </summary>
public sealed class ResnetGenerator : nn.Module<Tensor, Tensor>
{
    readonly nn.Module<Tensor, Tensor> layers;

    public ResnetGenerator(int ngf = 32, int blocks = 6, int channels = 1) : base(nameof(ResnetGenerator))
    {
        if (ngf < 1) throw new ArgumentOutOfRangeException(nameof(ngf), "ngf must be at least 1");
        if (blocks < 0) throw new ArgumentOutOfRangeException(nameof(blocks), "blocks must be 0 or more");
        Ngf = ngf;
        Blocks = blocks;
        var list = new List<nn.Module<Tensor, Tensor>>
        {
            nn.ReflectionPad2d(3), nn.Conv2d(channels, ngf, 7, bias: true), nn.InstanceNorm2d(ngf), nn.ReLU(inplace: true),
        };
        long width = ngf;
        for (int i = 0; i < 2; i++, width *= 2)
        {
            list.Add(nn.Conv2d(width, width * 2, 3, stride: 2, padding: 1, bias: true));
            list.Add(nn.InstanceNorm2d(width * 2));
            list.Add(nn.ReLU(inplace: true));
        }
        for (int i = 0; i < blocks; i++) list.Add(new ResidualBlock(width));
        for (int i = 0; i < 2; i++, width /= 2)
        {
            list.Add(nn.ConvTranspose2d(width, width / 2, 3, stride: 2, padding: 1, output_padding: 1, bias: true));
            list.Add(nn.InstanceNorm2d(width / 2));
            list.Add(nn.ReLU(inplace: true));
        }
        list.Add(nn.ReflectionPad2d(3));
        list.Add(nn.Conv2d(ngf, channels, 7, bias: true));
        list.Add(nn.Tanh());
        Stages = list;
        layers = nn.Sequential(list);
        RegisterComponents();
        GanInit.Apply(this);
    }

    public int Ngf { get; }
    public int Blocks { get; }

    /// <summary>The layers in the order the input passes them.</summary>
    public IReadOnlyList<nn.Module<Tensor, Tensor>> Stages { get; }

    public override Tensor forward(Tensor input) => layers.call(input);

    protected override void Dispose(bool disposing)
    {
        if (disposing) layers.Dispose();
        base.Dispose(disposing);
    }
}
