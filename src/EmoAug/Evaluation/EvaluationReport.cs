using System.Text.Json.Nodes;

namespace EmoAug.Evaluation;

/// <summary>The JSON form of <see cref="ClassificationMetrics"/> that `evaluate --json` prints and writes.</summary>
public static class EvaluationReport
{
    /// <summary>
    /// {"model", "data", "split", "count", "accuracy", "balanced_accuracy", "macro_f1",
    /// "per_class": {class: {"precision", "recall", "f1", "support"}}, "classes": [...], "confusion": [[...]] (rows = true class)},
    /// "mirror": true when each face was scored with its mirror image, and "unknown_classes":
    /// [{"class", "count", "labelled_as": {model class: count}}] when the data has classes the model lacks (their
    /// faces are not in "count" or any score).
    /// </summary>
    public static JsonObject ToJson(ClassificationMetrics m, string model, string data, string split, bool mirror = false,
        IReadOnlyList<UnknownClassLabels>? unknown = null)
    {
        var perClass = new JsonObject();
        foreach (var name in m.ClassNames)
        {
            var c = m.PerClass[name];
            perClass[name] = new JsonObject
            {
                ["precision"] = c.Precision, ["recall"] = c.Recall, ["f1"] = c.F1, ["support"] = c.Support,
            };
        }
        var confusion = new JsonArray(m.ConfusionRows().Select(row => (JsonNode)new JsonArray(row.Select(v => (JsonNode)v).ToArray())).ToArray());
        var json = new JsonObject
        {
            ["model"] = model,
            ["data"] = data,
            ["split"] = split,
            ["count"] = m.Count,
            ["accuracy"] = m.Accuracy,
            ["balanced_accuracy"] = m.BalancedAccuracy,
            ["macro_f1"] = m.MacroF1,
            ["per_class"] = perClass,
            ["classes"] = new JsonArray(m.ClassNames.Select(n => (JsonNode)n!).ToArray()),
            ["confusion"] = confusion,
        };
        if (mirror) json["mirror"] = true;
        if (unknown is { Count: > 0 })
            json["unknown_classes"] = new JsonArray(unknown.Select(u => (JsonNode)new JsonObject
            {
                ["class"] = u.ClassName,
                ["count"] = u.Count,
                ["labelled_as"] = new JsonObject(u.LabelledAs.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
            }).ToArray());
        return json;
    }
}
