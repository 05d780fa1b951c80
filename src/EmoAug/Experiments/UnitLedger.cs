using System.Text.Json;
using System.Text.Json.Nodes;

namespace EmoAug.Experiments;

/// <summary>
/// The record of an experiment's finished units (a trained GAN, a generation, a classifier run), kept in
/// units.json in the experiment folder and rewritten atomically after each unit, so that an interrupted experiment
/// starts again where it stopped and never redoes a finished unit. Several processes may record units of one
/// experiment at once (`experiment --jobs`): each records under a lock, merging what the others recorded meanwhile.
/// </summary>
public sealed class UnitLedger
{
    public const string FileName = "units.json";
    readonly string path;
    JsonObject units;

    UnitLedger(string path, JsonObject units)
    {
        this.path = path;
        this.units = units;
    }

    public static UnitLedger Open(string directory)
    {
        var path = Path.Combine(directory, FileName);
        return new UnitLedger(path, Read(path));
    }

    static JsonObject Read(string path)
    {
        if (!File.Exists(path)) return new JsonObject();
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? new JsonObject();
        }
        catch (JsonException ex)
        {
            throw new EmoAugException($"{path}: the experiment's unit record is damaged ({ex.Message.Split('\n')[0]}); delete it to start over");
        }
    }

    /// <summary>Reads again what every process has recorded.</summary>
    public void Reload() => units = Read(path);

    /// <summary>Finished units' ids.</summary>
    public IEnumerable<string> Finished => units.Select(kv => kv.Key);

    public bool IsDone(string unitId) => units.ContainsKey(unitId);

    /// <summary>The result recorded for a finished unit.</summary>
    public T Get<T>(string unitId) => units[unitId]!.Deserialize<T>(ExperimentJson.Options)!;

    /// <summary>Records a finished unit and its result, and saves the record at once.</summary>
    public void Done<T>(string unitId, T result)
    {
        using var exclusive = Lock();
        units = Read(path);
        units[unitId] = JsonSerializer.SerializeToNode(result, ExperimentJson.Options);
        AtomicFile.WriteAllText(path, units.ToJsonString(ExperimentJson.Options));
    }

    /// <summary>Holds units.json.lock open for this process alone (an OS file lock, released if the process dies).</summary>
    FileStream Lock()
    {
        var lockPath = path + ".lock";
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 600)
            {
                Thread.Sleep(100);
            }
        }
    }

    /// <summary>The finished unit's result, or runs <paramref name="work"/>, records its result and returns it.</summary>
    public T GetOrRun<T>(string unitId, Func<T> work)
    {
        if (IsDone(unitId)) return Get<T>(unitId);
        var result = work();
        Done(unitId, result);
        return result;
    }
}

/// <summary>The JSON settings of every file an experiment writes.</summary>
public static class ExperimentJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
