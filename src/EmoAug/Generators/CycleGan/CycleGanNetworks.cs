using EmoAug.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace EmoAug.Generators.CycleGan;

/// <summary>
/// The four networks of a CycleGAN between class A (source, e.g. neutral) and class B (target, e.g. disgust):
/// <see cref="GeneratorAB"/> turns A faces into B faces, <see cref="GeneratorBA"/> the reverse,
/// <see cref="DiscriminatorA"/> tells real A faces from <see cref="GeneratorBA"/>'s, <see cref="DiscriminatorB"/>
/// real B faces from <see cref="GeneratorAB"/>'s. Built from the options with the torch seed set first, so the same
/// seed gives the same initial weights.
/// </summary>
public sealed class CycleGanNetworks : IDisposable
{
    public CycleGanNetworks(CycleGanOptions options, Device device)
    {
        torch.manual_seed(options.Seed);
        var precision = ComputePrecision.Of(options.Precision);
        GeneratorAB = new ResnetGenerator(options.Ngf, options.Blocks, residual: options.ResidualGenerator, precision: precision).to(device);
        GeneratorBA = new ResnetGenerator(options.Ngf, options.Blocks, residual: options.ResidualGenerator, precision: precision).to(device);
        DiscriminatorA = new PatchDiscriminator(options.Ndf, options.DiscriminatorLayers, precision: precision).to(device);
        DiscriminatorB = new PatchDiscriminator(options.Ndf, options.DiscriminatorLayers, precision: precision).to(device);
    }

    public ResnetGenerator GeneratorAB { get; }
    public ResnetGenerator GeneratorBA { get; }
    public PatchDiscriminator DiscriminatorA { get; }
    public PatchDiscriminator DiscriminatorB { get; }

    public IEnumerable<nn.Module> All => [GeneratorAB, GeneratorBA, DiscriminatorA, DiscriminatorB];

    public IEnumerable<TorchSharp.Modules.Parameter> GeneratorParameters => GeneratorAB.parameters().Concat(GeneratorBA.parameters());
    public IEnumerable<TorchSharp.Modules.Parameter> DiscriminatorParameters => DiscriminatorA.parameters().Concat(DiscriminatorB.parameters());

    /// <summary>Freezes or unfreezes both discriminators (frozen while the generators learn: saves their gradients).</summary>
    public void DiscriminatorsRequireGrad(bool value)
    {
        foreach (var p in DiscriminatorParameters) p.requires_grad = value;
    }

    public void Dispose()
    {
        foreach (var module in All) module.Dispose();
    }
}
