using Google.Protobuf;
using Onnx;
using static TorchSharp.torch;

namespace EmoAug.Models.Onnx;

/// <summary>
/// Builds an ONNX graph (the protobuf types of the OnnxSharp package, generated from onnx.proto) one operator at a
/// time: weights become float32 initializers, each node gets a fresh output name. Opset 13, which every ONNX Runtime
/// since 1.7 runs and whose operators here (Conv, MaxPool, LRN, BatchNormalization, Gemm, MatMul, Softmax) have the
/// semantics of the PyTorch layers they stand for.
/// </summary>
public sealed class OnnxGraph
{
    public const int Opset = 13;

    readonly GraphProto graph = new();
    int counter;

    public OnnxGraph(string name) => graph.Name = name;

    /// <summary>A float32 graph input of the given shape; a null dimension is symbolic (named <paramref name="batch"/>).</summary>
    public string Input(string name, long?[] shape, string batch = "batch")
    {
        graph.Input.Add(Value(name, shape, batch));
        return name;
    }

    /// <summary>Declares <paramref name="value"/> a graph output named <paramref name="name"/>.</summary>
    public void Output(string value, string name, long?[] shape, string batch = "batch")
    {
        if (value != name) Node("Identity", [value], output: name);
        graph.Output.Add(Value(name, shape, batch));
    }

    /// <summary>A constant: the tensor's values as float32 (a copy; the tensor may be in any float type or device).</summary>
    public string Constant(string name, Tensor tensor)
    {
        using var values = tensor.detach().to(ScalarType.Float32).cpu().contiguous();
        var proto = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        proto.Dims.AddRange(values.shape);
        proto.RawData = ByteString.CopyFrom(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.data<float>().ToArray().AsSpan()));
        graph.Initializer.Add(proto);
        return name;
    }

    /// <summary>A scalar float constant.</summary>
    public string Constant(string name, float value)
    {
        using var scalar = tensor(value);
        return Constant(name, scalar);
    }

    /// <summary>Adds a node; returns its (single) output's name.</summary>
    public string Node(string op, string[] inputs, (string Name, object Value)[]? attributes = null, string? output = null)
    {
        output ??= $"{op.ToLowerInvariant()}_{++counter}";
        var node = new NodeProto { OpType = op, Name = $"{op}_{graph.Node.Count}" };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        foreach (var (name, value) in attributes ?? [])
            node.Attribute.Add(Attribute(name, value));
        graph.Node.Add(node);
        return output;
    }

    /// <summary>The model: this graph, opset <see cref="Opset"/>, and <paramref name="metadata"/> as metadata_props.</summary>
    public ModelProto Model(IReadOnlyDictionary<string, string> metadata)
    {
        var model = new ModelProto
        {
            IrVersion = 7, // ONNX 1.8's IR, the first with opset 13
            ProducerName = "EmoAug",
            Graph = graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        foreach (var (key, value) in metadata)
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        return model;
    }

    static ValueInfoProto Value(string name, long?[] shape, string batch)
    {
        var tensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = new TensorShapeProto() };
        foreach (var dim in shape)
            tensorType.Shape.Dim.Add(dim is long size
                ? new TensorShapeProto.Types.Dimension { DimValue = size }
                : new TensorShapeProto.Types.Dimension { DimParam = batch });
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = tensorType } };
    }

    static AttributeProto Attribute(string name, object value) => value switch
    {
        long i => new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = i },
        int i => new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = i },
        float f => new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = f },
        double f => new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = (float)f },
        long[] ints => Ints(name, ints),
        _ => throw new ArgumentException($"attribute {name}: unsupported type {value.GetType().Name}"),
    };

    static AttributeProto Ints(string name, long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }
}
