using TorchSharp;
using static TorchSharp.torch;

namespace EmoAug.Generators;

/// <summary>Conversions between stored faces (uint8 0..255) and the GAN's range [-1, 1] (tanh output).</summary>
/// <remarks>The scalars are held in variables and disposed after the operations: a number converted implicitly to a
/// TorchSharp Scalar inside an expression may be finalised by the garbage collector while LibTorch still reads it
/// (TorchSharp pull requests 1434 and 1496), which once failed a test with "Expected false to be true" from c10's
/// Scalar::toFloat.</remarks>
public static class GanImages
{
    public static Tensor ToGan(Tensor bytes)
    {
        using Scalar half = 127.5, one = 1.0;
        return bytes.to_type(ScalarType.Float32).div(half).sub_(one);
    }

    public static Tensor ToBytes(Tensor gan)
    {
        using Scalar low = -1.0, high = 1.0, half = 127.5;
        using var clamped = gan.clamp(low, high);
        using var scaled = clamped.add(high).mul_(half);
        return scaled.round().to_type(ScalarType.Byte);
    }
}
