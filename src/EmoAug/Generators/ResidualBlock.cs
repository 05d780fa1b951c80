using EmoAug.Generators.CycleGan;
using EmoAug.Models;
using EmoAug.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace EmoAug.Generators;

/// <summary>
/// x + F(x) with F = reflection pad, 3x3 conv, instance norm, ReLU, reflection pad, 3x3 conv, instance norm
/// (the reference CycleGAN block, without dropout). The identity path lets a generator keep the face it is given.
/// Its convolutions run in <paramref name="precision"/> (float32 when null).
/// </summary>
public sealed class ResidualBlock : nn.Module<Tensor, Tensor>
{
    readonly nn.Module<Tensor, Tensor> body;
    readonly IReadOnlyList<nn.Module<Tensor, Tensor>> stages;
    readonly ComputePrecision precision;

    public ResidualBlock(long channels, ComputePrecision? precision = null) : base(nameof(ResidualBlock))
    {
        this.precision = precision ?? ComputePrecision.Float32;
        stages =
        [
            nn.ReflectionPad2d(1),
            nn.Conv2d(channels, channels, 3, bias: true),
            nn.InstanceNorm2d(channels),
            nn.ReLU(inplace: true),
            nn.ReflectionPad2d(1),
            nn.Conv2d(channels, channels, 3, bias: true),
            nn.InstanceNorm2d(channels),
        ];
        body = nn.Sequential(stages);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => input + precision.Run(stages, input);

    protected override void Dispose(bool disposing)
    {
        if (disposing) body.Dispose();
        base.Dispose(disposing);
    }
}
