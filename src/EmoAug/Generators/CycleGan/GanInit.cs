using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EmoAug.Generators.CycleGan;

/// <summary>
/// The reference CycleGAN's "normal" initialisation: convolution weights ~ N(0, 0.02), biases 0, and the scale of
/// any affine normalisation ~ N(1, 0.02) with shift 0. Drawn from torch's generator, so torch.manual_seed fixes it.
/// </summary>
public static class GanInit
{
    public const double Std = 0.02;

    public static void Apply(nn.Module module)
    {
        using var noGrad = torch.no_grad();
        foreach (var (_, child) in module.named_modules())
        {
            switch (child)
            {
                case Conv2d conv:
                    nn.init.normal_(conv.weight!, 0, Std);
                    if (conv.bias is not null) nn.init.zeros_(conv.bias);
                    break;
                case ConvTranspose2d deconv:
                    nn.init.normal_(deconv.weight!, 0, Std);
                    if (deconv.bias is not null) nn.init.zeros_(deconv.bias);
                    break;
                case InstanceNorm2d norm when norm.weight is not null:
                    nn.init.normal_(norm.weight, 1, Std);
                    if (norm.bias is not null) nn.init.zeros_(norm.bias);
                    break;
            }
        }
    }
}
