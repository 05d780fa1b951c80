using TorchSharp;
using static TorchSharp.torch;

namespace EmoAug.Generators;

/// <summary>Conversions between stored faces (uint8 0..255) and the GAN's range [-1, 1] (tanh output).</summary>
public static class GanImages
{
    public static Tensor ToGan(Tensor bytes) => bytes.to_type(ScalarType.Float32) / 127.5 - 1;

    public static Tensor ToBytes(Tensor gan) =>
        ((gan.clamp(-1, 1) + 1) * 127.5).round().to_type(ScalarType.Byte);
}
