using EmoAug.Models.Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace EmoAug.Models;

/// <summary>
/// An emotion classifier network: normalised gray images [N,1,S,S] in, class logits [N,Classes] out.
/// <see cref="Features"/> gives the penultimate layer, the representation t-SNE plots and KID are computed on.
/// </summary>
public abstract class ClassifierModel : nn.Module<Tensor, Tensor>
{
    protected ClassifierModel(string name, int classes, int size, int featureSize) : base(name)
    {
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), "a classifier needs at least 2 classes");
        if (size < 16) throw new ArgumentOutOfRangeException(nameof(size), "images must be at least 16 pixels wide");
        Classes = classes;
        Size = size;
        FeatureSize = featureSize;
    }

    /// <summary>Number of output classes.</summary>
    public int Classes { get; }

    /// <summary>Side of the square input images, in pixels.</summary>
    public int Size { get; }

    /// <summary>Width of the <see cref="Features"/> vector.</summary>
    public int FeatureSize { get; }

    /// <summary>The penultimate layer's activations [N,FeatureSize].</summary>
    public abstract Tensor Features(Tensor input);

    /// <summary>The last layer: features to logits.</summary>
    protected abstract Tensor Head(Tensor features);

    /// <summary>
    /// Appends this network's forward pass in eval mode, float32, to an ONNX graph: normalised faces
    /// <paramref name="input"/> [N,1,Size,Size] in, the name of the logits [N,Classes] out.
    /// </summary>
    public abstract string ToOnnx(OnnxGraph graph, string input);

    public override Tensor forward(Tensor input)
    {
        using var features = Features(input);
        return Head(features);
    }
}
