using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EmoAug.Models.Onnx;

/// <summary>
/// The ONNX operator for each TorchSharp layer the networks use, with the layer's own weights and settings, so that
/// an exported graph computes what the module's forward computes (in float32, in eval mode: dropout is the identity
/// and batch norm uses its running statistics).
/// </summary>
public static class OnnxLayers
{
    public static string Conv(this OnnxGraph graph, Convolution conv, string name, string input)
    {
        if (conv.padding_type is not null || conv.transposed) throw new NotSupportedException($"{name}: only explicit-padding forward convolutions export");
        var inputs = new List<string> { input, graph.Constant($"{name}.weight", conv.weight!) };
        if (conv.bias is not null) inputs.Add(graph.Constant($"{name}.bias", conv.bias));
        return graph.Node("Conv", [.. inputs],
        [
            ("kernel_shape", conv.kernel_size),
            ("strides", conv.stride),
            ("pads", Pads(conv.padding!)),
            ("dilations", conv.dilation),
            ("group", conv.groups),
        ]);
    }

    /// <summary>A fully connected layer: Gemm with the weight [out, in] transposed, as nn.Linear.</summary>
    public static string Linear(this OnnxGraph graph, Linear linear, string name, string input)
    {
        var inputs = new List<string> { input, graph.Constant($"{name}.weight", linear.weight!) };
        if (linear.bias is not null) inputs.Add(graph.Constant($"{name}.bias", linear.bias));
        return graph.Node("Gemm", [.. inputs], [("transB", 1L)]);
    }

    /// <summary>Max-pooling; padded cells never win, in ONNX as in PyTorch.</summary>
    public static string MaxPool(this OnnxGraph graph, MaxPool2d pool, string input)
    {
        return graph.Node("MaxPool", [input],
        [
            ("kernel_shape", Pair(pool.kernel_size)),
            ("strides", Pair(pool.stride ?? pool.kernel_size)),
            ("pads", Pads(Pair(pool.padding ?? [0]))),
            ("ceil_mode", pool.ceil_mode ? 1L : 0L),
        ]);
    }

    /// <summary>Batch norm in eval mode: BatchNormalization with the running statistics.</summary>
    public static string BatchNorm(this OnnxGraph graph, BatchNorm2d norm, string name, string input) =>
        graph.Node("BatchNormalization",
        [
            input,
            graph.Constant($"{name}.weight", norm.weight!),
            graph.Constant($"{name}.bias", norm.bias!),
            graph.Constant($"{name}.running_mean", norm.running_mean!),
            graph.Constant($"{name}.running_var", norm.running_var!),
        ],
        [("epsilon", norm.eps)]);

    /// <summary>A 2-D setting given once for both sides, as [h, w].</summary>
    static long[] Pair(long[] values) => values.Length == 1 ? [values[0], values[0]] : values;

    /// <summary>ONNX pads: every side's beginning, then every side's end.</summary>
    static long[] Pads(long[] padding) => [.. Pair(padding), .. Pair(padding)];

    public static string Relu(this OnnxGraph graph, string input) => graph.Node("Relu", [input]);

    /// <summary>
    /// An adaptive average pool of a known [side x side] map to [output x output], as two matrix products with the
    /// pool's averaging matrix (ONNX has no adaptive pool): row i averages the cells floor(i side / output) to
    /// ceil((i + 1) side / output) - 1, PyTorch's windows.
    /// </summary>
    public static string AdaptiveAveragePool(this OnnxGraph graph, string name, string input, int side, int output)
    {
        using var rows = zeros(output, side);
        for (int i = 0; i < output; i++)
        {
            int start = i * side / output, end = ((i + 1) * side + output - 1) / output;
            rows[i, TensorIndex.Slice(start, end)] = tensor(1.0f / (end - start));
        }
        using var columns = rows.t();
        var across = graph.Node("MatMul", [input, graph.Constant($"{name}.columns", columns)]);
        return graph.Node("MatMul", [graph.Constant($"{name}.rows", rows), across]);
    }
}
