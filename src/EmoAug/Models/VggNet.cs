using EmoAug.Models.Onnx;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EmoAug.Models;

/// <summary>
/// A VGG-style network that still trains on a CPU: four blocks of (conv 3x3 -> batch norm -> ReLU) x 2 -> max-pool 2,
/// widths 32/64/128/256, then an adaptive average pool to 3x3, dropout, fc 256 (the features) and the class layer.
/// Batch norm lets it train fast at a high learning rate; the 3x3 pool keeps where on the face a pattern was.
/// In bfloat16 (<see cref="ComputePrecision"/>) the convolutions, pools and fc 256 run in it; batch norm takes
/// bfloat16 input and keeps float32 statistics and weights.
/// </summary>
public sealed class VggNet : ClassifierModel
{
    public const string ModelName = "vgg";
    static readonly int[] Widths = [32, 64, 128, 256];

    readonly Sequential body;
    readonly AdaptiveAvgPool2d pool;
    readonly Linear fc1, fc2;
    readonly Dropout drop1, drop2;
    readonly ComputePrecision precision;

    public VggNet(int classes, int size, double dropout = 0.4, ComputePrecision? precision = null) : base(ModelName, classes, size, 256)
    {
        this.precision = precision ?? ComputePrecision.Float32;
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        int inChannels = 1;
        for (int b = 0; b < Widths.Length; b++)
        {
            int w = Widths[b];
            for (int c = 0; c < 2; c++)
            {
                layers.Add(($"conv{b + 1}_{c + 1}", nn.Conv2d(inChannels, w, 3, padding: 1, bias: false)));
                layers.Add(($"bn{b + 1}_{c + 1}", nn.BatchNorm2d(w)));
                layers.Add(($"relu{b + 1}_{c + 1}", nn.ReLU()));
                inChannels = w;
            }
            layers.Add(($"pool{b + 1}", nn.MaxPool2d(2)));
        }
        body = nn.Sequential(layers);
        pool = nn.AdaptiveAvgPool2d(3);
        drop1 = nn.Dropout(dropout);
        fc1 = nn.Linear(Widths[^1] * 9, 256);
        drop2 = nn.Dropout(dropout);
        fc2 = nn.Linear(256, classes);
        RegisterComponents();
    }

    public override Tensor Features(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = input;
        foreach (var layer in body.children())
            x = layer switch
            {
                Conv2d conv => precision.Convolve(conv, x, 1),
                BatchNorm2d norm => norm.forward(x),
                nn.Module<Tensor, Tensor> other => other.forward(x),
                _ => throw new InvalidOperationException($"unexpected layer {layer.GetName()}"),
            };
        x = pool.forward(x).flatten(1);
        x = nn.functional.relu(precision.Multiply(fc1, drop1.forward(x)));
        return x.MoveToOuterDisposeScope();
    }

    protected override Tensor Head(Tensor features)
    {
        using var dropped = drop2.forward(features);
        return fc2.forward(dropped);
    }

    /// <summary>The layers of <see cref="Features"/> and <see cref="Head"/> as ONNX operators (dropout omitted).</summary>
    public override string ToOnnx(OnnxGraph graph, string input)
    {
        var x = input;
        foreach (var (name, layer) in body.named_children())
            x = layer switch
            {
                Conv2d conv => graph.Conv(conv, $"body.{name}", x),
                BatchNorm2d norm => graph.BatchNorm(norm, $"body.{name}", x),
                ReLU => graph.Relu(x),
                MaxPool2d maxPool => graph.MaxPool(maxPool, x),
                _ => throw new InvalidOperationException($"unexpected layer {name}"),
            };
        x = graph.AdaptiveAveragePool("pool", x, Size >> Widths.Length, 3); // each block's pool halves the side, rounding down
        x = graph.Node("Flatten", [x], [("axis", 1L)]);
        x = graph.Relu(graph.Linear(fc1, "fc1", x));
        return graph.Linear(fc2, "fc2", x);
    }
}
