using System.Text.Json;

namespace EmoAug.Experiments.Planning;

/// <summary>An arm of the comparison and the settings its classifier runs share.</summary>
public sealed record PlannedArm(string Name, ArmSettings Settings);

/// <summary>
/// An experiment's plan (<see cref="ExperimentPlanner"/>): the resolved options and budget, the folds, the arms and
/// every unit in an order in which each comes after what it depends on. Recorded as plan.json in the experiment
/// folder, from which one unit can be run alone (<see cref="Execution.UnitExecutor"/>).
/// </summary>
/// <param name="ScratchJudge">GAN-test is judged by a classifier trained from random weights, because the arms' starting
/// classifier is also a guide's (<see cref="GeneratorSource.SharesGuideStartWith"/>).</param>
/// <param name="Notes">What planning decided that the command did not say (a default class the data lack, replaced).</param>
public sealed record ExperimentPlan(int Version, ExperimentOptions Options, ExperimentBudget Budget, string Protocol,
    IReadOnlyList<ExperimentFold> Folds, int Seeds, IReadOnlyList<PlannedArm> Arms, bool ScratchJudge,
    IReadOnlyList<string> Notes, IReadOnlyList<PlannedUnit> Units)
{
    public const int CurrentVersion = 1;
    public const string FileName = "plan.json";

    /// <summary>The unit with this id; a one-line error naming the plan's file otherwise.</summary>
    public PlannedUnit Unit(string id) => Units.FirstOrDefault(u => u.Id == id) ?? throw new EmoAugException(
        $"{Path.Combine(Options.OutputDirectory, FileName)}: no unit '{id}'" +
        (EditDistance.Closest(id, Units.Select(u => u.Id)) is { } near ? $"; did you mean '{near}'?" : ""));

    /// <summary>
    /// Checks the plan whole before anything trains: ids unique, every dependency planned before its dependant, every
    /// trainer's options valid. A one-line error naming the unit otherwise.
    /// </summary>
    public void Check()
    {
        var seen = new HashSet<string>();
        foreach (var unit in Units)
        {
            foreach (var dependency in unit.DependsOn)
                if (!seen.Contains(dependency))
                    throw new EmoAugException($"plan: unit {unit.Id} depends on {dependency}, which is not planned before it");
            if (!seen.Add(unit.Id)) throw new EmoAugException($"plan: two units are called {unit.Id}");
            try
            {
                switch (unit)
                {
                    case ClassifierRunPlan c: c.Options.Validate(); break;
                    case GanTrainingPlan g: g.Options.Validate(); break;
                    case StarGanTrainingPlan s: s.Options.Validate(); break;
                }
            }
            catch (EmoAugException ex)
            {
                throw new EmoAugException($"plan: unit {unit.Id}: {ex.Message}");
            }
        }
    }

    /// <summary>Writes plan.json into the experiment folder, atomically.</summary>
    public void Save() =>
        AtomicFile.WriteAllText(Path.Combine(Options.OutputDirectory, FileName), JsonSerializer.Serialize(this, ExperimentJson.Options));

    /// <summary>The plan recorded in an experiment folder.</summary>
    public static ExperimentPlan Load(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
            throw new EmoAugException($"{path}: no plan; run `emoaug experiment --out {directory}` with the experiment's options first");
        ExperimentPlan? plan;
        try
        {
            plan = JsonSerializer.Deserialize<ExperimentPlan>(File.ReadAllText(path), ExperimentJson.Options);
        }
        catch (JsonException ex)
        {
            throw new EmoAugException($"{path}: not a readable plan ({ex.Message.Split('\n')[0]})");
        }
        if (plan is null || plan.Version != CurrentVersion)
            throw new EmoAugException($"{path}: plan version {plan?.Version} is not {CurrentVersion}; plan again with `emoaug experiment`");
        return plan;
    }
}
