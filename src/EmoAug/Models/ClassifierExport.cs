using System.Globalization;
using System.Text.Json;
using EmoAug.Training;

namespace EmoAug.Models;

/// <summary>
/// Exports a classifier checkpoint's weights as safetensors, under the module's state-dict names (conv1.weight,
/// fc1.bias, body.conv1_1.weight, body.bn1_1.running_mean, ...). The metadata carries what a PyTorch user needs to
/// feed the network: model, class names (JSON list), size, normalisation mean and std (0-255 scale).
/// </summary>
public static class ClassifierExport
{
    public static void ToSafeTensors(ClassifierCheckpoint checkpoint, string outPath)
    {
        var h = checkpoint.Header;
        using var model = checkpoint.CreateModel();
        var state = model.state_dict();
        var metadata = new Dictionary<string, string>
        {
            ["format"] = "pt",
            ["emoaug_model"] = h.Model,
            ["emoaug_model_options"] = JsonSerializer.Serialize(h.ModelOptions, ClassifierCheckpoint.Json),
            ["emoaug_classes"] = JsonSerializer.Serialize(h.ClassNames),
            ["emoaug_size"] = h.Size.ToString(CultureInfo.InvariantCulture),
            ["emoaug_normalisation_mean"] = h.Normalisation.Mean.ToString("R", CultureInfo.InvariantCulture),
            ["emoaug_normalisation_std"] = h.Normalisation.Std.ToString("R", CultureInfo.InvariantCulture),
            ["emoaug_epoch"] = h.Epoch.ToString(CultureInfo.InvariantCulture),
        };
        SafeTensors.Write(outPath, state, metadata);
    }
}
