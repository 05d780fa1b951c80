using EmoAug.Generators;
using EmoAug.Models;
using EmoAug.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace EmoAug.Generators.CycleGan;

/// <summary>
/// The reference CycleGAN's ResNet generator for one-channel faces in [-1, 1]: reflection pad + 7x7 conv (ngf),
/// two stride-2 3x3 convs (ngf*2, ngf*4), <paramref name="blocks"/> residual blocks, two stride-2 transposed convs
/// back to full size, reflection pad + 7x7 conv to one channel, tanh. Instance norm after every conv but the last;
/// nothing but tanh on the output (normalising the output layer gave "pixelated, mostly black" faces in the
/// paper's reproduction). The input side must be a multiple of 4 (48 and 64 are).
/// With <c>residual</c> (not in the reference) the network learns a change to its input rather than a whole face, as
/// Shen and Liu's residual-image generators for face attributes (CVPR 2017): the last convolution's output is added to
/// the input before the tanh, in tanh's own coordinates (output = tanh(conv + atanh(input))), so a generator that
/// has learnt nothing returns its input nearly unchanged instead of noise, and the output stays in [-1, 1].
/// The convolutions run in <c>precision</c> (float32 when null; <see cref="ComputePrecision.ConvolveToFloat32"/>).
/// </summary>
public sealed class ResnetGenerator : nn.Module<Tensor, Tensor>
{
    readonly nn.Module<Tensor, Tensor> layers;
    readonly ComputePrecision precision;

    public ResnetGenerator(int ngf = 32, int blocks = 6, int channels = 1, bool residual = false, ComputePrecision? precision = null)
        : base(nameof(ResnetGenerator))
    {
        this.precision = precision ?? ComputePrecision.Float32;
        if (ngf < 1) throw new ArgumentOutOfRangeException(nameof(ngf), "ngf must be at least 1");
        if (blocks < 0) throw new ArgumentOutOfRangeException(nameof(blocks), "blocks must be 0 or more");
        Ngf = ngf;
        Blocks = blocks;
        Residual = residual;
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
        for (int i = 0; i < blocks; i++) list.Add(new ResidualBlock(width, this.precision));
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
    public bool Residual { get; }

    /// <summary>Input pixels are kept this far inside (-1, 1) before atanh, so black and white stay finite (atanh(0.999) = 3.8).</summary>
    const double Margin = 1e-3;

    /// <summary>The layers in the order the input passes them.</summary>
    public IReadOnlyList<nn.Module<Tensor, Tensor>> Stages { get; }

    public override Tensor forward(Tensor input)
    {
        if (!Residual) return precision.Run(Stages, input);
        using var scope = NewDisposeScope();
        var x = precision.Run(Stages.Take(Stages.Count - 1), input);
        x = x + input.clamp(-1 + Margin, 1 - Margin).atanh();
        return Stages[^1].call(x).MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) layers.Dispose();
        base.Dispose(disposing);
    }
}
