using EmoAug.Generators;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EmoAug.Experiments;

/// <summary>
/// The settings an experiment's units were made with, kept in settings.json beside units.json. A rerun with other
/// settings (another --epochs, --network, budget, protocol or dataset) would otherwise reuse finished units made
/// differently and mix them in one table; it is refused instead, naming the first setting that differs.
/// Seeds, arms and amounts may change: they add units without changing finished ones.
/// </summary>
public static class ExperimentSettingsFile
{
    public const string FileName = "settings.json";

    /// <summary>What defines a unit: the data, the protocol and the budget after overrides.</summary>
    public static JsonObject Of(ExperimentOptions options, ExperimentBudget budget) => new()
    {
        ["data"] = Directory.Exists(options.Data) || File.Exists(options.Data) ? Path.GetFullPath(options.Data) : options.Data,
        ["protocol"] = ClosedSet.Name(options.Protocol),
        ["folds"] = options.Folds,
        ["size"] = options.Size,
        ["skip_invalid"] = options.SkipInvalid,
        // Null unless given, which compares equal to a missing key: experiments made before the option still resume.
        ["exclude_list"] = options.ExcludeList is null ? null : Path.GetFullPath(options.ExcludeList),
        // One source is written as a plain name, as experiments made before several sources were possible recorded it.
        ["source"] = options.SourceNames.Count == 1 ? JsonValue.Create(options.SourceNames[0])
            : new JsonArray(options.SourceNames.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray()),
        ["classifier"] = JsonSerializer.SerializeToNode(budget.Classifier, ExperimentJson.Options),
        ["gan"] = JsonSerializer.SerializeToNode(budget.Gan, ExperimentJson.Options),
        ["arm_steps"] = options.EqualSteps ? "equal" : "epochs",
        // Absent for the CycleGAN, so experiments made before there was a choice of generator still resume.
        ["generator"] = options.Family == GeneratorFamily.StarGan ? ClosedSet.Name(options.Family) : null,
        ["stargan"] = options.Family == GeneratorFamily.StarGan ? JsonSerializer.SerializeToNode(budget.StarGanOrDefault, ExperimentJson.Options) : null,
        // One GAN is written as a plain path, as experiments made before several were possible recorded it.
        ["gan_from"] = options.Gans is not GanSource.UseAsIs { Gans: var pretrained } ? null
            : pretrained.Count == 1 ? JsonValue.Create(Path.GetFullPath(pretrained[0]))
            : new JsonArray(pretrained.Select(p => (JsonNode?)JsonValue.Create(Path.GetFullPath(p))).ToArray()),
        // Absent unless given, so experiments made before the option existed still resume.
        ["gan_init_from"] = options.Gans is not GanSource.StartFrom { Gans: var starts } ? null
            : new JsonArray(starts.Select(p => (JsonNode?)JsonValue.Create(Path.GetFullPath(p))).ToArray()),
    };

    /// <summary>Writes the settings into a new experiment folder, or checks them against the folder's.</summary>
    public static void CheckOrWrite(string directory, JsonObject settings)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            AtomicFile.WriteAllText(path, settings.ToJsonString(ExperimentJson.Options));
            return;
        }
        JsonNode? recorded;
        try { recorded = JsonNode.Parse(File.ReadAllText(path)); }
        catch (JsonException ex)
        {
            throw new EmoAugException($"{path}: damaged ({ex.Message.Split('\n')[0]}); delete it to accept the current settings");
        }
        if (FirstDifference(recorded, settings, "") is { } key)
            throw new EmoAugException(
                $"{directory}: this experiment was made with {key} = {Show(recorded, key)}, the command now gives {Show(settings, key)}; " +
                "rerun with the same options to resume, or give another --out");
    }

    /// <summary>The dotted path of the first value that differs, or null when both are equal.</summary>
    static string? FirstDifference(JsonNode? before, JsonNode? now, string at)
    {
        if (before is JsonObject a && now is JsonObject b)
        {
            foreach (var key in a.Select(kv => kv.Key).Union(b.Select(kv => kv.Key)))
                if (FirstDifference(a[key], b[key], at.Length == 0 ? key : $"{at}.{key}") is { } found) return found;
            return null;
        }
        return JsonNode.DeepEquals(before, now) ? null : at;
    }

    static string Show(JsonNode? root, string dotted)
    {
        var node = root;
        foreach (var part in dotted.Split('.')) node = (node as JsonObject)?[part];
        return node?.ToJsonString() ?? "(none)";
    }
}
