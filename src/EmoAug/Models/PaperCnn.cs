using EmoAug.Models.Onnx;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EmoAug.Models;

/// <summary>
/// The paper's classifier (the classic CIFAR-10 network): conv 5x5x64 -> max-pool 3x3/2 -> LRN -> ReLU ->
/// conv 5x5x64 -> ReLU -> LRN -> max-pool 3x3/2 -> fc 384 -> fc 192 -> classes. Dropout (off by default, to stay
/// faithful) goes before each fully connected layer; the UW reproduction gained from it, and from a third convolution
/// (<paramref name="extraConv"/>: conv 3x3x128 -> ReLU -> max-pool 3x3/2 after the second pool), off by default.
/// </summary>
public sealed class PaperCnn : ClassifierModel
{
    public const string ModelName = "paper-cnn";

    readonly Conv2d conv1, conv2;
    readonly MaxPool2d pool1, pool2;
    readonly CrossChannelNorm norm1, norm2;
    readonly Linear fc1, fc2, fc3;
    readonly Dropout drop1, drop2, drop3;
    readonly Conv2d? conv3;
    readonly MaxPool2d? pool3;
    readonly ComputePrecision precision;

    public PaperCnn(int classes, int size, double dropout = 0, bool extraConv = false, ComputePrecision? precision = null)
        : base(ModelName, classes, size, 192)
    {
        this.precision = precision ?? ComputePrecision.Float32;
        conv1 = nn.Conv2d(1, 64, 5, padding: 2);
        conv2 = nn.Conv2d(64, 64, 5, padding: 2);
        pool1 = nn.MaxPool2d(3, 2, 1);
        pool2 = nn.MaxPool2d(3, 2, 1);
        // TensorFlow's CIFAR-10 LRN: depth radius 4, bias 1, alpha 0.001/9, beta 0.75. PyTorch divides alpha by size.
        norm1 = new CrossChannelNorm(9, 0.001, 0.75, 1.0);
        norm2 = new CrossChannelNorm(9, 0.001, 0.75, 1.0);
        int pooled = Pooled(Pooled(size)), channels = 64;
        if (extraConv)
        {
            conv3 = nn.Conv2d(64, 128, 3, padding: 1);
            pool3 = nn.MaxPool2d(3, 2, 1);
            pooled = Pooled(pooled);
            channels = 128;
        }
        fc1 = nn.Linear((long)channels * pooled * pooled, 384);
        fc2 = nn.Linear(384, 192);
        fc3 = nn.Linear(192, classes);
        drop1 = nn.Dropout(dropout);
        drop2 = nn.Dropout(dropout);
        drop3 = nn.Dropout(dropout);
        RegisterComponents();
    }

    /// <summary>
    /// conv1, computed as one matrix product of every 5x5 patch with the 64 filters, giving a channels-last tensor
    /// (logically [N,64,S,S], stored [N,S,S,64]). Same weights and result as conv1.forward up to the order of float
    /// sums, but LibTorch's convolution of a single input channel spent most of its backward pass on the weight
    /// gradient, and its NCHW max-pool took 13 times longer than the channels-last one, which every layer after this
    /// one inherits (docs/classifier.md, "2026-11-29"). In the model's compute precision.
    /// </summary>
    public Tensor FirstConvolution(Tensor input)
    {
        using var scope = NewDisposeScope();
        long n = input.shape[0], height = input.shape[2], width = input.shape[3];
        long outChannels = conv1.weight!.shape[0], kernel = conv1.weight.shape[2], pad = kernel / 2;
        var padded = nn.functional.pad(precision.Cast(input.squeeze(1)), [pad, pad, pad, pad]);
        var patches = padded.unfold(1, kernel, 1).unfold(2, kernel, 1).reshape(n * height * width, kernel * kernel);
        var filters = precision.Cast(conv1.weight.view(outChannels, kernel * kernel)).t();
        return patches.matmul(filters).add_(precision.Cast(conv1.bias!))
            .view(n, height, width, outChannels).permute(0, 3, 1, 2).MoveToOuterDisposeScope();
    }

    /// <summary>Output side of a 3x3, stride 2, padding 1 max-pool.</summary>
    static int Pooled(int side) => (side - 1) / 2 + 1;

    public override Tensor Features(Tensor input)
    {
        using var scope = NewDisposeScope();
        // Each layer's output is freed as soon as the next layer has read it (autograd keeps what backward needs):
        // scoring a batch of 256 faces, the layers up to the second pool make 38-150 MB each.
        // In bfloat16 every layer up to the fully connected ones stays in bfloat16: half the memory traffic, which is
        // most of this network's time (docs/classifier.md).
        var x = FirstConvolution(input);
        x = Next(x, pool1.forward(x));
        x = Next(x, norm1.forward(x));
        x = Next(x, nn.functional.relu(x));
        x = Next(x, precision.Convolve(conv2, x, 2));
        x = Next(x, nn.functional.relu(x));
        x = Next(x, norm2.forward(x));
        x = Next(x, pool2.forward(x));
        if (conv3 is not null && pool3 is not null)
        {
            x = Next(x, nn.functional.relu(precision.Convolve(conv3, x, 1)));
            x = Next(x, pool3.forward(x));
        }
        x = Next(x, x.flatten(1));
        x = nn.functional.relu(precision.Multiply(fc1, drop1.forward(x)));
        x = nn.functional.relu(precision.Multiply(fc2, drop2.forward(x)));
        return x.MoveToOuterDisposeScope();
    }

    /// <summary>Frees a layer's input once its output exists.</summary>
    static Tensor Next(Tensor used, Tensor output)
    {
        if (!ReferenceEquals(used, output)) used.Dispose();
        return output;
    }

    protected override Tensor Head(Tensor features)
    {
        using var dropped = drop3.forward(features);
        return fc3.forward(dropped);
    }

    /// <summary>The layers of <see cref="Features"/> and <see cref="Head"/> as ONNX operators (dropout omitted).</summary>
    public override string ToOnnx(OnnxGraph graph, string input)
    {
        var x = graph.Conv(conv1, "conv1", input);
        x = graph.MaxPool(pool1, x);
        x = graph.Relu(norm1.ToOnnx(graph, x));
        x = graph.Relu(graph.Conv(conv2, "conv2", x));
        x = graph.MaxPool(pool2, norm2.ToOnnx(graph, x));
        if (conv3 is not null && pool3 is not null)
            x = graph.MaxPool(pool3, graph.Relu(graph.Conv(conv3, "conv3", x)));
        x = graph.Node("Flatten", [x], [("axis", 1L)]);
        x = graph.Relu(graph.Linear(fc1, "fc1", x));
        x = graph.Relu(graph.Linear(fc2, "fc2", x));
        return graph.Linear(fc3, "fc3", x);
    }
}
