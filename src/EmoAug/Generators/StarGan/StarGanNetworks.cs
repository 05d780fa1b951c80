using EmoAug.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace EmoAug.Generators.StarGan;

/// <summary>A StarGAN's two networks, built from the options with the torch seed set first (same seed, same weights).</summary>
public sealed class StarGanNetworks : IDisposable
{
    public StarGanNetworks(StarGanOptions options, int classes, int size, Device device)
    {
        torch.manual_seed(options.Seed);
        var precision = ComputePrecision.Of(options.Precision);
        Generator = new StarGanGenerator(classes, options.Ngf, options.Blocks, options.Attention, precision).to(device);
        Discriminator = new StarGanDiscriminator(classes, size, options.Ndf, options.DiscriminatorLayers, precision).to(device);
    }

    public StarGanGenerator Generator { get; }
    public StarGanDiscriminator Discriminator { get; }

    /// <summary>Freezes or unfreezes the discriminator (frozen while the generator learns: saves its gradients).</summary>
    public void DiscriminatorRequiresGrad(bool value)
    {
        foreach (var p in Discriminator.parameters()) p.requires_grad = value;
    }

    public void Dispose()
    {
        Generator.Dispose();
        Discriminator.Dispose();
    }
}
