using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EmoAug.Models;

/// <summary>
/// The number type a classifier's convolutions and matrix products run in. "float32" (the default) everywhere;
/// "bfloat16" casts each convolution's and fully connected layer's input, weights and bias to bfloat16 for the product,
/// as PyTorch's CPU autocast does (TorchSharp 0.107 has none). The weights Adam updates, the features t-SNE and KID
/// read, the last layer and the logits stay float32; what lies between the convolutions (pools, ReLUs, paper-cnn's
/// normalisations, vgg's batch-norm inputs) runs in bfloat16, each model says where. On CPUs with AMX or AVX-512 BF16
/// (this machine's Xeon) oneDNN runs the products several times faster (docs/classifier.md). Gradients reach the
/// float32 weights through the casts, so training works as before, to bfloat16's 8-bit mantissa.
/// </summary>
public sealed class ComputePrecision
{
    public const string Float32Name = "float32", BFloat16Name = "bfloat16";

    /// <summary>The type the products run in.</summary>
    public ScalarType Type { get; }

    ComputePrecision(ScalarType type) => Type = type;

    public static readonly ComputePrecision Float32 = new(ScalarType.Float32);

    /// <summary>The precision named by an option ("float32"/"fp32", "bfloat16"/"bf16"; null = float32).</summary>
    public static ComputePrecision Of(string? name) => Canonical(name) == BFloat16Name ? new(ScalarType.BFloat16) : Float32;

    /// <summary>The option's canonical spelling; null (the default, float32) stays null so that options written
    /// before precision existed compare equal to today's defaults.</summary>
    public static string? Canonical(string? name) => name?.ToLowerInvariant() switch
    {
        null => null,
        "float32" or "fp32" => null,
        "bfloat16" or "bf16" => BFloat16Name,
        _ => throw new EmoAugException($"--precision {name}: unknown; choose {Float32Name} or {BFloat16Name}"),
    };

    bool Reduced => Type != ScalarType.Float32;

    /// <summary>A convolution (stride 1, as every classifier convolution here) in this precision; its output stays in it.</summary>
    public Tensor Convolve(Conv2d conv, Tensor input, long padding)
    {
        if (!Reduced) return conv.forward(input);
        using var scope = NewDisposeScope();
        return nn.functional.conv2d(Cast(input), Cast(conv.weight!), conv.bias is null ? null : Cast(conv.bias),
            padding: [padding, padding]).MoveToOuterDisposeScope();
    }

    /// <summary>A fully connected layer in this precision; its output is float32.</summary>
    public Tensor Multiply(Linear layer, Tensor input)
    {
        if (!Reduced) return layer.forward(input);
        using var scope = NewDisposeScope();
        return nn.functional.linear(Cast(input), Cast(layer.weight!), layer.bias is null ? null : Cast(layer.bias))
            .to(ScalarType.Float32).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Any convolution module (plain or transposed, its own stride and padding) in this precision, its output back in
    /// float32: the GANs' networks run their normalisations and activations in float32 (as PyTorch's CPU autocast
    /// keeps instance norm in float32), so only the products change. float32 calls the module itself.
    /// </summary>
    public Tensor ConvolveToFloat32(Convolution conv, Tensor input)
    {
        if (!Reduced) return conv.call(input);
        using var scope = NewDisposeScope();
        var bias = conv.bias is null ? null : Cast(conv.bias);
        var output = conv.transposed
            ? nn.functional.conv_transpose2d(Cast(input), Cast(conv.weight!), bias, conv.stride, conv.padding, conv.output_padding,
                groups: conv.groups, dilation: conv.dilation)
            : nn.functional.conv2d(Cast(input), Cast(conv.weight!), bias, conv.stride, conv.padding, conv.dilation, conv.groups);
        return output.to(ScalarType.Float32).MoveToOuterDisposeScope();
    }

    /// <summary>Layers applied in order, the convolutions through <see cref="ConvolveToFloat32"/>.</summary>
    public Tensor Run(IEnumerable<nn.Module<Tensor, Tensor>> stages, Tensor input)
    {
        var x = input;
        using var scope = NewDisposeScope();
        foreach (var stage in stages) x = stage is Convolution conv ? ConvolveToFloat32(conv, x) : stage.call(x);
        return x.MoveToOuterDisposeScope();
    }

    /// <summary>The tensor in this precision (the same tensor if it already is).</summary>
    public Tensor Cast(Tensor x) => x.dtype == Type ? x.alias() : x.to(Type);
}
