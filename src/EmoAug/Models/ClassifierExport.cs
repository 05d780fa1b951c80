using System.Globalization;
using System.Text.Json;
using EmoAug.Models.Onnx;
using EmoAug.Training;
using Google.Protobuf;

namespace EmoAug.Models;

/// <summary>
/// Exports a classifier checkpoint: as an ONNX model (<see cref="ToOnnx"/>) for ONNX Runtime and other programs, or its
/// weights as safetensors, under the module's state-dict names (conv1.weight,
/// fc1.bias, body.conv1_1.weight, body.bn1_1.running_mean, ...). The metadata carries what a PyTorch user needs to
/// feed the network: model, class names (JSON list), size, normalisation mean and std (0-255 scale).
/// </summary>
public static class ClassifierExport
{
    public static void ToSafeTensors(ClassifierCheckpoint checkpoint, string outPath)
    {
        using var model = checkpoint.CreateModel();
        var metadata = Metadata(checkpoint.Header);
        metadata["format"] = "pt";
        SafeTensors.Write(outPath, model.state_dict(), metadata);
    }

    /// <summary>
    /// The network as an ONNX graph (opset <see cref="OnnxGraph.Opset"/>, float32, eval mode). Input "faces":
    /// gray pixel values 0-255 as float32 [N,1,S,S] (the graph subtracts the training mean and divides by the std);
    /// outputs "logits" and "probabilities" (softmax) [N,classes], in the metadata's class order.
    /// </summary>
    public static void ToOnnx(ClassifierCheckpoint checkpoint, string outPath)
    {
        var h = checkpoint.Header;
        using var model = checkpoint.CreateModel();
        model.eval();
        var graph = new OnnxGraph($"emoaug-{ClosedSet.Name(h.Model)}");
        var faces = graph.Input(OnnxInput, [null, 1, h.Size, h.Size]);
        var centred = graph.Node("Sub", [faces, graph.Constant("normalisation.mean", (float)h.Normalisation.Mean)]);
        var normalised = graph.Node("Div", [centred, graph.Constant("normalisation.std", (float)h.Normalisation.Std)]);
        var logits = model.ToOnnx(graph, normalised);
        graph.Output(logits, "logits", [null, h.ClassNames.Count]);
        graph.Output(graph.Node("Softmax", [logits], [("axis", 1L)]), "probabilities", [null, h.ClassNames.Count]);
        var onnx = graph.Model(Metadata(h));
        AtomicFile.Write(outPath, stream => onnx.WriteTo(stream));
    }

    /// <summary>The ONNX model's input name.</summary>
    public const string OnnxInput = "faces";

    /// <summary>What a user of the exported model needs to feed it and read it.</summary>
    static Dictionary<string, string> Metadata(CheckpointHeader h) => new()
    {
            ["emoaug_model"] = ClosedSet.Name(h.Model),
            ["emoaug_model_options"] = JsonSerializer.Serialize(h.ModelOptions, ClassifierCheckpoint.Json),
            ["emoaug_classes"] = JsonSerializer.Serialize(h.ClassNames),
            ["emoaug_size"] = h.Size.ToString(CultureInfo.InvariantCulture),
            ["emoaug_normalisation_mean"] = h.Normalisation.Mean.ToString("R", CultureInfo.InvariantCulture),
            ["emoaug_normalisation_std"] = h.Normalisation.Std.ToString("R", CultureInfo.InvariantCulture),
            ["emoaug_epoch"] = h.Epoch.ToString(CultureInfo.InvariantCulture),
    };
}
